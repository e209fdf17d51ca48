// Delivery streams: a list (source → destination, buffer fill, freshness, spool, totals) and one
// stream's page (buffering hints, buffer fill, incoming/delivered charts, last deliveries and failures).

import type { DeliveredEntry, DeliveryStreamSummary, DeliveryStreamView, FailureEntry } from '../../src/console/delivery-views.js';
import { get } from './api.js';
import { Chart } from './chart.js';
import { fill, h } from './dom.js';
import { bytes, count, dateTime, duration, percent, time } from './format.js';
import type { View } from './view.js';

const DESTINATIONS: Record<string, string> = { file: 'File bucket', s3: 'S3', 'http-endpoint': 'HTTP endpoint', postgres: 'PostgreSQL', duckdb: 'DuckDB' };

function sourceText(s: DeliveryStreamSummary): HTMLElement {
  return s.source.kind === 'DirectPut' || s.source.streamName === null
    ? h('span', {}, 'Direct PUT')
    : h('span', {}, 'Kinesis ', h('a', { href: `#/streams/${encodeURIComponent(s.source.streamName)}` }, s.source.streamName));
}

function destinationText(s: DeliveryStreamSummary): HTMLElement {
  return h('span', {}, h('strong', {}, DESTINATIONS[s.destination.kind] ?? s.destination.kind), ' ', h('span', { class: 'mono small' }, s.destination.target));
}

function fillBar(s: DeliveryStreamSummary): HTMLElement {
  const width = Math.min(100, s.bufferFill * 100);
  return h('div', { class: 'range', title: `${count(s.bufferedBytes)} of ${count(s.bufferLimitBytes)} bytes` },
    h('div', { class: 'range-bar' }, h('div', { class: 'range-fill', style: `left:0;width:${width}%` })),
    h('span', { class: 'muted small' }, `${bytes(s.bufferedBytes)} / ${s.bufferingHints.sizeInMBs} MiB`));
}

export function deliveryListView(main: HTMLElement): View {
  const body = h('tbody');
  const empty = h('p', { class: 'empty', 'data-testid': 'delivery-list-empty', hidden: true }, 'No delivery streams yet. Create one with ', h('code', {}, 'aws firehose create-delivery-stream'), '.');
  fill(main,
    h('header', { class: 'page-head' }, h('h1', {}, 'Delivery streams')),
    h('section', { class: 'card' },
      h('table', { class: 'table', 'data-testid': 'delivery-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Source'), h('th', {}, 'Destination'), h('th', {}, 'Buffer'), h('th', { class: 'num' }, 'Freshness'), h('th', { class: 'num' }, 'Delivered'), h('th', { class: 'num' }, 'Failed attempts'))),
        body),
      empty));
  return {
    async refresh() {
      const { deliveryStreams } = await get<{ deliveryStreams: DeliveryStreamSummary[] }>('/delivery-streams');
      empty.hidden = deliveryStreams.length > 0;
      fill(body, ...deliveryStreams.map((s) => {
        const href = `#/delivery/${encodeURIComponent(s.name)}`;
        return h('tr', { 'data-testid': 'delivery-row', 'data-delivery-stream': s.name, class: 'clickable', onclick: (ev: Event) => { if (!(ev.target instanceof HTMLAnchorElement)) location.hash = href; } },
          h('td', {}, h('a', { href }, s.name)),
          h('td', {}, h('span', { class: `badge ${s.status === 'ACTIVE' ? 'ok' : 'warn'}` }, s.status)),
          h('td', {}, sourceText(s)),
          h('td', {}, destinationText(s)),
          h('td', {}, fillBar(s)),
          h('td', { class: 'num' }, duration(s.dataFreshnessMs)),
          h('td', { class: 'num' }, `${count(s.totals.deliveredRecords)} rec · ${bytes(s.totals.deliveredBytes)}`),
          h('td', { class: 'num' }, count(s.totals.failedAttempts)));
      }));
    },
  };
}

export function deliveryStreamPage(main: HTMLElement, name: string): View {
  const enc = encodeURIComponent(name);
  const summary = h('div', { class: 'stats' });
  const config = h('div', { class: 'stats' });
  const recordsEl = h('div', { class: 'chart', 'data-testid': 'delivery-records-chart' });
  const bytesEl = h('div', { class: 'chart', 'data-testid': 'delivery-bytes-chart' });
  const chartNote = h('p', { class: 'muted small', 'data-testid': 'delivery-chart-note' });
  const deliveredBody = h('tbody');
  const failuresBody = h('tbody');
  const failuresTable = h('table', { class: 'table', 'data-testid': 'failure-list', hidden: true },
    h('thead', {}, h('tr', {}, h('th', {}, 'Error'), h('th', {}, 'Message'), h('th', {}, 'Object / batch'), h('th', { class: 'num' }, 'Records'), h('th', { class: 'num' }, 'Attempt'), h('th', {}, 'Time'))),
    failuresBody);
  const noFailures = h('p', { class: 'muted small', 'data-testid': 'delivery-no-failures' }, 'No failed delivery attempts since the server started.');
  const recordsChart = new Chart(recordsEl, { unit: 'records / s', format: (v) => count(Math.round(v * 10) / 10) });
  const bytesChart = new Chart(bytesEl, { unit: 'bytes / s', format: (v) => bytes(Math.round(v)) });
  fill(main,
    h('header', { class: 'page-head' }, h('a', { href: '#/delivery', class: 'crumb' }, 'Delivery streams'), h('h1', { 'data-testid': 'delivery-title' }, name)),
    summary,
    h('section', { class: 'card' }, h('h2', {}, 'Configuration'), config),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Records in and delivered'), recordsEl, chartNote),
      h('section', { class: 'card' }, h('h2', {}, 'Bytes in and delivered'), bytesEl)),
    h('section', { class: 'card' }, h('h2', {}, 'Last deliveries'),
      h('table', { class: 'table', 'data-testid': 'delivered-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Object / batch'), h('th', {}, 'Output'), h('th', { class: 'num' }, 'Records'), h('th', { class: 'num' }, 'Bytes'), h('th', { class: 'num' }, 'Attempts'), h('th', {}, 'Time'))),
        deliveredBody)),
    h('section', { class: 'card' }, h('h2', {}, 'Last failed attempts'), failuresTable, noFailures));
  return {
    async refresh() {
      const s = await get<DeliveryStreamView>(`/delivery-streams/${enc}`);
      fill(summary,
        stat('Status', s.status),
        stat('Buffer fill', `${percent(Math.min(s.bufferFill, 9.99))} · ${bytes(s.bufferedBytes)}`, 'delivery-buffer-fill', { 'data-bytes': s.bufferedBytes, 'data-limit': s.bufferLimitBytes }),
        stat('Data freshness', duration(s.dataFreshnessMs), 'delivery-freshness', { 'data-ms': s.dataFreshnessMs }),
        stat('Spooled on disk', bytes(s.spooledBytes), 'delivery-spooled', { 'data-bytes': s.spooledBytes }),
        stat('Delivered since start', `${count(s.totals.deliveredRecords)} records · ${bytes(s.totals.deliveredBytes)}`, 'delivery-totals',
          { 'data-records': s.totals.deliveredRecords, 'data-bytes': s.totals.deliveredBytes, 'data-deliveries': s.totals.deliveries }),
        stat('Failed attempts', count(s.totals.failedAttempts), 'delivery-failed-attempts'));
      fill(config,
        stat('Source', sourceText(s), 'delivery-source'),
        stat('Destination', destinationText(s), 'delivery-destination', { 'data-kind': s.destination.kind }),
        stat('Buffering hints', `${s.bufferingHints.sizeInMBs} MiB or ${s.bufferingHints.intervalInSeconds} s`, 'delivery-hints'),
        stat('Compression · format', `${s.destination.compression} · ${s.destination.format}`));
      const step = (p: { t: number[] }): number => (p.t.length >= 2 ? Math.max(1, (p.t[1]! - p.t[0]!) / 1000) : 1);
      const perSecond = (label: string, p: { t: number[]; v: number[] }) => ({ label, t: p.t, v: p.v.map((v) => v / step(p)) });
      recordsChart.update([perSecond('in', s.series.incomingRecords), perSecond('delivered', s.series.deliveredRecords)]);
      bytesChart.update([perSecond('in', s.series.incomingBytes), perSecond('delivered', s.series.deliveredBytes)]);
      chartNote.dataset['incoming'] = String(s.window.incomingRecords);
      chartNote.dataset['delivered'] = String(s.window.deliveredRecords);
      chartNote.textContent = s.metricsEnabled
        ? `${count(s.window.incomingRecords)} records in, ${count(s.window.deliveredRecords)} delivered in the last 15 minutes`
        : 'Metrics are disabled on this server.';
      fill(deliveredBody, ...(s.delivered.length === 0 ? [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Nothing delivered yet.'))] : s.delivered.map(deliveredRow)));
      noFailures.hidden = s.failures.length > 0;
      failuresTable.hidden = s.failures.length === 0;
      fill(failuresBody, ...s.failures.map(failureRow));
    },
    dispose() {
      recordsChart.destroy();
      bytesChart.destroy();
    },
  };
}

function deliveredRow(d: DeliveredEntry): HTMLElement {
  return h('tr', { 'data-testid': 'delivered-object', 'data-key': d.key, 'data-records': d.records, 'data-bytes': d.bytes },
    h('td', { class: 'mono small' }, d.key),
    h('td', {}, d.role === 'main' ? 'destination' : d.role === 'backup' ? 'source-record backup' : h('span', { class: 'badge warn' }, 'error output')),
    h('td', { class: 'num' }, count(d.records)),
    h('td', { class: 'num' }, bytes(d.bytes)),
    h('td', { class: 'num' }, count(d.attempts)),
    h('td', { class: 'muted', title: dateTime(d.atMs) }, time(d.atMs)));
}

function failureRow(f: FailureEntry): HTMLElement {
  return h('tr', { 'data-testid': 'delivery-failure', 'data-error-type': f.errorType, 'data-attempts': f.attempts },
    h('td', {}, h('span', { class: 'badge error' }, f.errorType)),
    h('td', { class: 'error-text small' }, f.message),
    h('td', { class: 'mono small' }, f.key),
    h('td', { class: 'num' }, count(f.records)),
    h('td', { class: 'num' }, count(f.attempts)),
    h('td', { class: 'muted', title: dateTime(f.atMs) }, time(f.atMs)));
}

function stat(label: string, value: string | HTMLElement, testid?: string, data: Record<string, number | string> = {}): HTMLElement {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value', 'data-testid': testid, ...data }, value));
}
