// The record browser: search a stream by partition key, sequence number or arrival-time range;
// each result shows its data decoded (JSON, UTF-8, gzip, base64) and copies as a put command.

import type { RecordSearchResult, RecordView } from '../../src/console/record-search.js';
import { get } from './api.js';
import { fill, h } from './dom.js';
import { bytes, dateTime } from './format.js';

type Mode = 'partitionKey' | 'sequenceNumber' | 'time' | 'latest';

const PLACEHOLDERS: Record<Mode, string> = {
  partitionKey: 'partition key, e.g. user-42',
  sequenceNumber: 'sequence number (56 digits)',
  time: 'minutes back, e.g. 15',
  latest: '',
};

export function recordBrowser(streamName: string): HTMLElement {
  const mode = h('select', { 'data-testid': 'record-search-mode', 'aria-label': 'Search by' },
    h('option', { value: 'partitionKey' }, 'Partition key'),
    h('option', { value: 'sequenceNumber' }, 'Sequence number'),
    h('option', { value: 'time' }, 'Last N minutes'),
    h('option', { value: 'latest' }, 'Latest records'));
  const input = h('input', { type: 'search', 'data-testid': 'record-search-input', placeholder: PLACEHOLDERS.partitionKey, 'aria-label': 'Search value' });
  const status = h('span', { class: 'muted small', 'data-testid': 'record-search-status' });
  const results = h('div', { class: 'records', 'data-testid': 'record-results' });
  mode.addEventListener('change', () => {
    input.placeholder = PLACEHOLDERS[mode.value as Mode];
    input.disabled = mode.value === 'latest';
  });
  const form = h('form', { class: 'search', 'data-testid': 'record-search-form' }, mode, input, h('button', { type: 'submit', 'data-testid': 'record-search-submit' }, 'Search'), status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void search();
  });

  async function search(): Promise<void> {
    const value = input.value.trim();
    const params = new URLSearchParams({ limit: '25' });
    const m = mode.value as Mode;
    if (m === 'partitionKey' && value) params.set('partitionKey', value);
    if (m === 'sequenceNumber' && value) params.set('sequenceNumber', value);
    if (m === 'time') params.set('fromMs', String(Date.now() - Number(value || '15') * 60_000));
    status.textContent = 'Searching…';
    try {
      const result = await get<RecordSearchResult>(`/streams/${encodeURIComponent(streamName)}/records?${params}`);
      status.textContent = `${result.records.length} record${result.records.length === 1 ? '' : 's'} · ${result.scanned.toLocaleString('en-US')} scanned${result.truncated ? ' · more may exist' : ''}`;
      results.dataset['count'] = String(result.records.length);
      fill(results, ...(result.records.length === 0 ? [h('p', { class: 'empty' }, 'No matching records.')] : result.records.map(recordCard)));
    } catch (err) {
      status.textContent = `Search failed: ${(err as Error).message}`;
    }
  }

  return h('section', { class: 'card', 'data-testid': 'record-browser' }, h('h2', {}, 'Records'), form, results);
}

function recordCard(r: RecordView): HTMLElement {
  const views: [string, string | null][] = [
    ['JSON', r.data.json],
    ['gzip → JSON', r.data.gzip?.json ?? null],
    ['gzip → UTF-8', r.data.gzip?.utf8 ?? null],
    ['UTF-8', r.data.utf8],
    ['Base64', r.data.base64],
  ];
  const available = views.filter((v): v is [string, string] => v[1] !== null);
  const pre = h('pre', { class: 'data', 'data-testid': 'record-data' }, available[0]?.[1] ?? '');
  const tabs = h('div', { class: 'tabs' }, ...available.map(([label, text], i) => {
    const tab = h('button', { type: 'button', class: i === 0 ? 'tab active' : 'tab', 'data-testid': 'record-view-tab' }, label);
    tab.addEventListener('click', () => {
      pre.textContent = text;
      tabs.querySelectorAll('.tab').forEach((t) => t.classList.remove('active'));
      tab.classList.add('active');
    });
    return tab;
  }));
  const command = `${r.putCommand} --endpoint-url ${location.origin}`;
  const copy = h('button', { type: 'button', class: 'secondary', 'data-testid': 'copy-put-command', title: command }, 'Copy as put command');
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(command).then(() => (copy.textContent = 'Copied'), () => window.prompt('Put command', command));
  });
  return h('article', { class: 'record', 'data-testid': 'record-result', 'data-sequence-number': r.sequenceNumber, 'data-partition-key': r.partitionKey },
    h('div', { class: 'record-head' },
      h('span', { class: 'pill mono', 'data-testid': 'record-partition-key' }, r.partitionKey),
      h('span', { class: 'mono small muted', title: 'sequence number' }, r.sequenceNumber),
      h('span', { class: 'muted small' }, `${r.shardId} · ${dateTime(r.arrivalMs)} · ${bytes(r.data.size)} · ${r.data.kind}`),
      copy),
    tabs, pre);
}
