// Queues: message counts, dead-letter links; for a dead-letter queue its messages, the failed
// stream records they stand for, and redrive.

import type { MessageView, QueueView, RedriveResult } from '../../src/console/queue-views.js';
import { get, post } from './api.js';
import { fill, h } from './dom.js';
import { count, dateTime } from './format.js';
import type { View } from './view.js';

export function queuesView(main: HTMLElement, selected: string | undefined, refreshSoon: () => void): View {
  const body = h('tbody');
  const detail = h('div', { 'data-testid': 'queue-detail' });
  /** The outcome of the last redrive, kept across redraws. */
  let lastRedrive = '';
  fill(main,
    h('header', { class: 'page-head' }, h('h1', {}, 'Queues')),
    h('section', { class: 'card' },
      h('table', { class: 'table', 'data-testid': 'queue-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Queue'), h('th', { class: 'num' }, 'Visible'), h('th', { class: 'num' }, 'In flight'), h('th', { class: 'num' }, 'Delayed'), h('th', {}, 'Dead letters'))),
        body)),
    detail);
  return {
    async refresh() {
      const { queues } = await get<{ queues: QueueView[] }>('/queues');
      fill(body, ...(queues.length === 0 ? [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No queues yet.'))] : queues.map((q) =>
        h('tr', { 'data-testid': 'queue-row', 'data-queue-name': q.name, class: `clickable${q.name === selected ? ' selected' : ''}`, onclick: () => (location.hash = `#/queues/${encodeURIComponent(q.name)}`) },
          h('td', {}, q.name, q.deadLetterSources.length + q.onFailureFor.length > 0 ? h('span', { class: 'badge warn' }, 'DLQ') : null),
          h('td', { class: 'num' }, count(q.visible)), h('td', { class: 'num' }, count(q.inFlight)), h('td', { class: 'num' }, count(q.delayed)),
          h('td', { class: 'muted small', 'data-testid': 'queue-dead-letters' }, deadLetters(q))))));
      if (selected === undefined) return fill(detail);
      const { messages } = await get<{ messages: MessageView[] }>(`/queues/${encodeURIComponent(selected)}/messages?limit=50`);
      const redrive = h('button', { type: 'button', 'data-testid': 'queue-redrive' }, 'Redrive to source');
      const result = h('span', { class: 'muted small', 'data-testid': 'queue-redrive-result' }, lastRedrive);
      redrive.addEventListener('click', () => {
        void post<RedriveResult>(`/queues/${encodeURIComponent(selected)}/redrive`).then(
          (r) => ((lastRedrive = result.textContent = `${r.messagesRedriven} redriven (${r.recordsPutToStream} records put back, ${r.movedToSourceQueue} messages to source queue), ${r.skipped} skipped`), refreshSoon()),
          (err: Error) => (lastRedrive = result.textContent = `Redrive failed: ${err.message}`));
      });
      fill(detail, h('section', { class: 'card' },
        h('div', { class: 'row spread' }, h('h2', {}, `Messages in ${selected}`), h('div', { class: 'row' }, result, redrive)),
        h('div', { class: 'stack', 'data-testid': 'queue-messages' }, ...(messages.length === 0 ? [h('p', { class: 'empty' }, 'The queue is empty.')] : messages.map(message)))));
    },
  };
}

function message(m: MessageView): HTMLElement {
  const b = m.failedBatch;
  return h('article', { class: 'record', 'data-testid': 'queue-message', 'data-message-id': m.messageId },
    h('div', { class: 'record-head' }, h('span', { class: 'mono small' }, m.messageId), h('span', { class: 'muted small' }, `${dateTime(m.sentAtMs)} · received ${m.receiveCount}×`)),
    b === null
      ? h('pre', { class: 'data' }, m.body)
      : h('div', { 'data-testid': 'failed-batch' },
          h('div', { class: 'small' }, h('span', { class: 'badge error' }, b.condition ?? 'failed'), ` ${b.records.length} record(s) from `, h('strong', {}, b.streamName ?? b.streamArn), ` ${b.shardId}`),
          ...b.records.map((r) => h('div', { class: 'failed-record', 'data-testid': 'failed-record' }, h('span', { class: 'pill mono' }, r.partitionKey), ' ', h('code', { class: 'small' }, (r.data.utf8 ?? r.data.base64).slice(0, 300))))));
}

function deadLetters(q: QueueView): string {
  const parts = [
    ...(q.deadLetterSources.length > 0 ? [`for queue ${q.deadLetterSources.join(', ')}`] : []),
    ...(q.onFailureFor.length > 0 ? [`on-failure destination of ${q.onFailureFor.join(', ')}`] : []),
    ...(q.deadLetterTargetArn ? [`→ ${q.deadLetterTargetArn.split(':').pop()}`] : []),
  ];
  return parts.length === 0 ? '—' : parts.join(' · ');
}
