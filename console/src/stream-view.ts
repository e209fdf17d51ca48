// One stream: shards with hash ranges and lineage, per-shard throughput and iterator-age charts,
// hot partition keys per shard, and the record browser.

import type { ShardHotKeys, StreamMetricsView } from '../../src/console/stream-metrics.js';
import type { ShardView, StreamView } from '../../src/console/stream-views.js';
import { get } from './api.js';
import { Chart } from './chart.js';
import { fill, h } from './dom.js';
import { count, duration, percent, time } from './format.js';
import { recordBrowser } from './record-browser.js';
import type { View } from './view.js';

function lineage(s: ShardView): HTMLElement {
  const parents = [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => p !== null);
  return h('span', { class: 'lineage' },
    parents.length > 0 ? h('span', { class: 'muted' }, `from ${parents.map(short).join(' + ')}`) : null,
    s.childShardIds.length > 0 ? h('span', { class: 'muted' }, `→ ${s.childShardIds.map(short).join(', ')}`) : null,
    parents.length === 0 && s.childShardIds.length === 0 ? h('span', { class: 'muted' }, '—') : null);
}

function short(shardId: string): string {
  const n = Number(shardId.split('-')[1]);
  return Number.isInteger(n) ? `#${n}` : shardId;
}

function hashRange(s: ShardView): HTMLElement {
  const left = Number((BigInt(s.hashKeyStart) * 10_000n) / 2n ** 128n) / 100;
  return h('div', { class: 'range', title: `${s.hashKeyStart} – ${s.hashKeyEnd}` },
    h('div', { class: 'range-bar' }, h('div', { class: 'range-fill', style: `left:${left}%;width:${Math.max(s.keySpaceShare * 100, 0.5)}%` })),
    h('span', { class: 'muted small' }, percent(s.keySpaceShare)));
}

export function streamView(main: HTMLElement, name: string): View {
  const enc = encodeURIComponent(name);
  const summary = h('div', { class: 'stats' });
  const shardBody = h('tbody');
  const recordsChartEl = h('div', { class: 'chart', 'data-testid': 'shard-chart' });
  const ageChartEl = h('div', { class: 'chart', 'data-testid': 'iterator-age-chart' });
  const chartNote = h('p', { class: 'muted small', 'data-testid': 'shard-chart-note' });
  const ageNote = h('p', { class: 'muted small', 'data-testid': 'iterator-age-note' });
  const hotKeys = h('div', { class: 'hot-keys', 'data-testid': 'hot-keys' });
  const recordsChart = new Chart(recordsChartEl, { unit: 'records / s', format: (v) => count(Math.round(v * 10) / 10) });
  const ageChart = new Chart(ageChartEl, { unit: 'iterator age', format: duration, minMax: 1000 });
  fill(
    main,
    h('header', { class: 'page-head' }, h('a', { href: '#/streams', class: 'crumb' }, 'Streams'), h('h1', { 'data-testid': 'stream-title' }, name)),
    summary,
    h('section', { class: 'card' }, h('h2', {}, 'Shards'),
      h('table', { class: 'table', 'data-testid': 'shard-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Shard'), h('th', {}, 'State'), h('th', {}, 'Hash key range'), h('th', {}, 'Lineage'), h('th', { class: 'num' }, 'Stored'), h('th', { class: 'num' }, 'Total put'), h('th', {}, 'Last arrival'))),
        shardBody)),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Incoming records per shard'), recordsChartEl, chartNote),
      h('section', { class: 'card' }, h('h2', {}, 'Iterator age per shard'), ageChartEl, ageNote)),
    h('section', { class: 'card' }, h('h2', {}, 'Hot partition keys'), hotKeys),
    recordBrowser(name),
  );
  return {
    async refresh() {
      const [stream, metrics, hot] = await Promise.all([
        get<StreamView>(`/streams/${enc}`),
        get<StreamMetricsView>(`/streams/${enc}/metrics`),
        get<{ shards: ShardHotKeys[] }>(`/streams/${enc}/hot-keys?n=5`),
      ]);
      fill(summary,
        stat('Status', stream.status), stat('Mode', stream.mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'),
        stat('Open shards', count(stream.openShards)), stat('Stored records', count(stream.storedRecords), 'stored-records'),
        stat('Retention', `${stream.retentionHours} h`));
      fill(shardBody, ...stream.shards.map((s) =>
        h('tr', { 'data-testid': 'shard-row', 'data-shard-id': s.shardId, class: s.open ? '' : 'closed' },
          h('td', { class: 'mono' }, s.shardId),
          h('td', {}, h('span', { class: `badge ${s.open ? 'ok' : 'muted'}` }, s.open ? 'open' : 'closed')),
          h('td', {}, hashRange(s)),
          h('td', {}, lineage(s)),
          h('td', { class: 'num' }, count(s.storedRecords)),
          h('td', { class: 'num', 'data-testid': 'shard-total-records' }, count(s.totalRecords)),
          h('td', { class: 'muted' }, s.lastArrivalMs === null ? '—' : time(s.lastArrivalMs)))));
      const open = new Set(stream.shards.filter((s) => s.open || s.totalRecords > 0).map((s) => s.shardId));
      const shown = metrics.shards.filter((s) => open.has(s.shardId));
      const seconds = (p: { t: number[]; v: number[] }, step: number) => ({ t: p.t, v: p.v.map((v) => v / step) });
      recordsChart.update(shown.map((s) => ({ label: short(s.shardId), ...seconds(s.incomingRecords, stepOf(s.incomingRecords.t)) })));
      const ages = shown.flatMap((s) => [
        ...(s.iteratorAgeMs.t.length > 0 || s.mappingIteratorAgeMs.length === 0 ? [{ label: `${short(s.shardId)} GetRecords`, ...s.iteratorAgeMs }] : []),
        ...s.mappingIteratorAgeMs.map((m) => ({ label: `${short(s.shardId)} → ${m.functionName}`, ...m.points })),
      ]);
      ageChart.update(ages);
      const mappingNames = [...new Set(shown.flatMap((s) => s.mappingIteratorAgeMs.map((m) => m.functionName)))];
      ageNote.dataset['series'] = ages.map((a) => a.label).join('|');
      ageNote.textContent = mappingNames.length === 0
        ? 'GetRecords.IteratorAgeMilliseconds: age of the last record GetRecords returned (0 at the tip).'
        : `IteratorAge of the mapping${mappingNames.length > 1 ? 's' : ''} to ${mappingNames.join(', ')} (age of the last record handed to the function)${ages.some((a) => a.label.endsWith('GetRecords')) ? ', and GetRecords.IteratorAgeMilliseconds of other readers' : ''}.`;
      const total = shown.reduce((a, s) => a + s.incomingRecords.v.reduce((x, y) => x + y, 0), 0);
      chartNote.dataset['records'] = String(total);
      chartNote.textContent = metrics.metricsEnabled ? `${count(total)} records put in the last 15 minutes` : 'Metrics are disabled on this server.';
      fill(hotKeys, ...hot.shards.filter((s) => open.has(s.shardId)).map((s) =>
        h('div', { class: 'hot-shard', 'data-testid': 'hot-keys-shard', 'data-shard-id': s.shardId },
          h('div', { class: 'hot-title mono' }, short(s.shardId)),
          s.keys.length === 0 ? h('div', { class: 'muted small' }, 'no traffic yet') : h('ol', {}, ...s.keys.map((k) => h('li', { 'data-testid': 'hot-key' }, h('span', { class: 'mono' }, k.key), h('span', { class: 'muted' }, count(k.count))))))));
    },
    dispose() {
      recordsChart.destroy();
      ageChart.destroy();
    },
  };
}

/** Slot width in seconds of a series (per-shard series may be coarser than 1 s). */
function stepOf(t: number[]): number {
  return t.length >= 2 ? Math.max(1, (t[1]! - t[0]!) / 1000) : 1;
}

function stat(label: string, value: string, testid?: string): HTMLElement {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value', 'data-testid': testid }, value));
}
