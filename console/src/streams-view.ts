// The stream list: one row per stream with status, mode, shards and stored records.

import type { StreamView } from '../../src/console/stream-views.js';
import { get } from './api.js';
import { fill, h } from './dom.js';
import { count, dateTime } from './format.js';
import type { View } from './view.js';

export function streamsView(main: HTMLElement): View {
  const body = h('tbody');
  const empty = h('p', { class: 'empty', 'data-testid': 'stream-list-empty', hidden: true }, 'No streams yet. Create one with ', h('code', {}, 'aws kinesis create-stream'), '.');
  fill(
    main,
    h('header', { class: 'page-head' }, h('h1', {}, 'Streams')),
    h('section', { class: 'card' },
      h('table', { class: 'table', 'data-testid': 'stream-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Mode'), h('th', { class: 'num' }, 'Open shards'), h('th', { class: 'num' }, 'Stored records'), h('th', { class: 'num' }, 'Retention'), h('th', {}, 'Created'))),
        body),
      empty),
  );
  return {
    async refresh() {
      const { streams } = await get<{ streams: StreamView[] }>('/streams');
      empty.hidden = streams.length > 0;
      fill(body, ...streams.map((s) =>
        h('tr', { 'data-testid': 'stream-row', 'data-stream-name': s.name, class: 'clickable', onclick: () => (location.hash = `#/streams/${encodeURIComponent(s.name)}`) },
          h('td', {}, h('a', { href: `#/streams/${encodeURIComponent(s.name)}` }, s.name)),
          h('td', {}, h('span', { class: `badge ${s.status === 'ACTIVE' ? 'ok' : 'warn'}` }, s.status)),
          h('td', {}, s.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'),
          h('td', { class: 'num' }, count(s.openShards)),
          h('td', { class: 'num' }, count(s.storedRecords)),
          h('td', { class: 'num' }, `${s.retentionHours} h`),
          h('td', { class: 'muted' }, dateTime(s.createdAt)))));
    },
  };
}
