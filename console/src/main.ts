// The console's entry point: a hash router over the pages and a poll loop that refreshes the
// current page every two seconds (paused while the tab is hidden).

import { deliveryListView, deliveryStreamPage } from './delivery-view.js';
import { fill, h } from './dom.js';
import { functionsView } from './functions-view.js';
import { mappingsView } from './mappings-view.js';
import { queuesView } from './queues-view.js';
import { streamView } from './stream-view.js';
import { streamsView } from './streams-view.js';
import type { View } from './view.js';

const POLL_MS = 2000;
const main = document.getElementById('main')!;
const live = document.querySelector<HTMLElement>('.live')!;
let current: View | undefined;
let timer: number | undefined;

function route(): View {
  const [section = 'streams', arg] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.getAttribute('href') === `#/${section}`));
  switch (section) {
    case 'streams':
      return arg ? streamView(main, arg) : streamsView(main);
    case 'mappings':
      return mappingsView(main, refreshSoon);
    case 'functions':
      return functionsView(main);
    case 'queues':
      return queuesView(main, arg, refreshSoon);
    case 'delivery':
      return arg ? deliveryStreamPage(main, arg) : deliveryListView(main);
    default:
      location.hash = '#/streams';
      return streamsView(main);
  }
}

async function refresh(): Promise<void> {
  window.clearTimeout(timer);
  const view = current;
  try {
    await view?.refresh();
    live.classList.remove('down');
    live.querySelector('.live-text')!.textContent = `live · ${new Date().toLocaleTimeString('en-GB', { hour12: false })}`;
  } catch (err) {
    live.classList.add('down');
    live.querySelector('.live-text')!.textContent = 'server unreachable';
    if (view === current && main.childElementCount === 0) fill(main, h('p', { class: 'empty' }, (err as Error).message));
  }
  if (view === current) timer = window.setTimeout(() => void refresh(), document.hidden ? POLL_MS * 5 : POLL_MS);
}

function refreshSoon(): void {
  window.setTimeout(() => void refresh(), 150);
}

function navigate(): void {
  current?.dispose?.();
  current = route();
  void refresh();
}

window.addEventListener('hashchange', navigate);
if (!location.hash) location.hash = '#/streams';
else navigate();
