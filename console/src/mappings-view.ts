// Event source mappings: state, lag (records and time), per-shard lanes with their state and
// reason, the record a retrying lane is stuck on; enable/disable and rewind.

import type { LaneView, MappingError, MappingView } from '../../src/console/mapping-views.js';
import { get, post } from './api.js';
import { fill, h } from './dom.js';
import { count, dateTime, duration } from './format.js';
import type { View } from './view.js';

export function mappingsView(main: HTMLElement, refreshSoon: () => void): View {
  const list = h('div', { class: 'stack', 'data-testid': 'mapping-list' });
  const flash = h('p', { class: 'flash', 'data-testid': 'mapping-flash', hidden: true });
  fill(main, h('header', { class: 'page-head' }, h('h1', {}, 'Event source mappings')), flash, list);
  /** Rewind times being entered, by mapping: cards are redrawn on every poll and must keep them. */
  const rewindTimes = new Map<string, string>();

  async function act(label: string, fn: () => Promise<unknown>): Promise<void> {
    flash.hidden = false;
    try {
      await fn();
      flash.textContent = label;
      flash.className = 'flash ok';
    } catch (err) {
      flash.textContent = `${label} failed: ${(err as Error).message}`;
      flash.className = 'flash error';
    }
    refreshSoon();
  }

  function card(m: MappingView): HTMLElement {
    const toggle = h('button', { type: 'button', class: 'secondary', 'data-testid': 'mapping-enable-toggle' }, m.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', () => void act(m.enabled ? 'Mapping disabled' : 'Mapping enabled', () => post(`/mappings/${m.uuid}/${m.enabled ? 'disable' : 'enable'}`)));
    const when = h('input', { type: 'datetime-local', 'data-testid': 'mapping-rewind-time', 'aria-label': 'Rewind to time', value: rewindTimes.get(m.uuid) });
    when.addEventListener('input', () => rewindTimes.set(m.uuid, when.value));
    const rewind = h('button', { type: 'button', class: 'secondary', 'data-testid': 'mapping-rewind' }, 'Rewind');
    rewind.addEventListener('click', () => {
      const at = when.value ? new Date(when.value).getTime() : undefined;
      const body = at === undefined ? { position: 'TRIM_HORIZON' } : { position: 'AT_TIMESTAMP', timestampMs: at };
      if (!confirm(`Rewind ${m.functionName} to ${at === undefined ? 'the oldest record (TRIM_HORIZON)' : new Date(at).toLocaleString()}? Records will be delivered again.`)) return;
      void act('Mapping rewound', () => post(`/mappings/${m.uuid}/rewind`, body));
    });
    const stateClass = m.state === 'Enabled' ? 'ok' : m.state === 'Disabled' ? 'muted' : 'warn';
    return h('section', { class: 'card', 'data-testid': 'mapping-row', 'data-mapping-uuid': m.uuid },
      h('div', { class: 'row spread' },
        h('div', {},
          h('h2', {}, m.functionName, h('span', { class: 'muted' }, '  ←  '), h('a', { href: `#/streams/${encodeURIComponent(m.streamName)}` }, m.streamName)),
          h('div', { class: 'muted small mono' }, m.uuid)),
        h('div', { class: 'row' }, h('span', { class: `badge ${stateClass}`, 'data-testid': 'mapping-state' }, m.state), toggle, when, rewind)),
      h('div', { class: 'stats' },
        h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, 'Lag'),
          h('div', { class: 'stat-value', 'data-testid': 'mapping-lag', 'data-lag-records': m.lagRecords, 'data-lag-ms': m.lagMs }, `${count(m.lagRecords)} records · ${duration(m.lagMs)}`)),
        h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, 'Batch size'), h('div', { class: 'stat-value' }, count(m.batchSize))),
        h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, 'Started at'), h('div', { class: 'stat-value' }, m.startingPosition)),
        h('div', { class: 'stat wide' }, h('div', { class: 'stat-label' }, 'Last processing result'), h('div', { class: 'stat-value small', 'data-testid': 'mapping-last-result' }, m.lastProcessingResult))),
      m.lanes.length === 0
        ? h('p', { class: 'muted small' }, m.enabled ? 'No shard is being read yet.' : 'Disabled: no shard is being read.')
        : h('table', { class: 'table' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Shard'), h('th', {}, 'State'), h('th', { class: 'num' }, 'Lag (records)'), h('th', { class: 'num' }, 'Lag (time)'), h('th', {}, 'Position'))),
            h('tbody', {}, ...m.lanes.map(lane))),
      ...m.lanes.filter((l) => l.failingRecord !== null).map(failing),
      m.recentErrors.length === 0 ? null : h('div', { 'data-testid': 'mapping-errors' }, h('h3', {}, 'Last errors'), ...m.recentErrors.map(recentError)));
  }

  return {
    async refresh() {
      const { mappings } = await get<{ mappings: MappingView[] }>('/mappings');
      // Do not redraw under a user who is entering a rewind time (the next poll will).
      if (document.activeElement instanceof HTMLInputElement && list.contains(document.activeElement)) return;
      fill(list, ...(mappings.length === 0 ? [h('p', { class: 'empty card' }, 'No event source mappings. Create one with ', h('code', {}, 'aws lambda create-event-source-mapping'), '.')] : mappings.map(card)));
    },
  };
}

function lane(l: LaneView): HTMLElement {
  const cls = l.state.kind === 'retrying' || l.state.kind === 'throttled' ? 'error' : l.state.kind === 'invoking' ? 'ok' : 'muted';
  return h('tr', { 'data-testid': 'mapping-lane', 'data-shard-id': l.shardId, 'data-state': l.state.kind },
    h('td', { class: 'mono' }, l.shardId),
    h('td', {}, h('span', { class: `badge ${cls}` }, l.state.kind), ' ', h('span', { class: 'muted small', 'data-testid': 'mapping-lane-reason' }, l.reason === l.state.kind ? '' : l.reason)),
    h('td', { class: 'num' }, count(l.lagRecords)),
    h('td', { class: 'num' }, duration(l.lagMs)),
    h('td', { class: 'mono small muted' }, l.position ?? '—'));
}

function failing(l: LaneView): HTMLElement {
  const r = l.failingRecord!;
  const error = l.state.kind === 'retrying' ? l.state.lastError : undefined;
  return h('div', { class: 'failing', 'data-testid': 'mapping-failing-record' },
    h('div', { class: 'small' }, h('strong', {}, `${l.shardId} keeps failing on the batch starting at`), ' ', h('span', { class: 'pill mono' }, r.partitionKey), ' ', h('span', { class: 'mono muted small' }, r.sequenceNumber)),
    error ? h('div', { class: 'error-text small' }, error) : null,
    h('pre', { class: 'data' }, r.data.json ?? r.data.utf8 ?? r.data.base64));
}

function recentError(e: MappingError): HTMLElement {
  const b = e.batch;
  const r = b?.failingRecord ?? null;
  return h('div', { class: 'failing', 'data-testid': 'mapping-error', 'data-error-type': e.errorType },
    h('div', { class: 'small' },
      h('span', { class: 'badge error' }, e.errorType), ' ',
      h('span', { class: 'muted', 'data-testid': 'mapping-error-times', 'data-times': e.times }, e.times === 1 ? dateTime(e.atMs) : `${count(e.times)}× from ${dateTime(e.firstAtMs)} to ${dateTime(e.atMs)}`),
      b ? h('span', { class: 'muted' }, ` · ${b.shardId} · batch of ${count(b.size)}${b.reportedFailures > 0 ? `, ${count(b.reportedFailures)} reported failed` : ''}`) : null),
    e.errorMessage ? h('div', { class: 'error-text small' }, e.errorMessage) : null,
    r === null ? null : h('div', { 'data-testid': 'mapping-error-record', 'data-partition-key': r.partitionKey, 'data-sequence-number': r.sequenceNumber },
      h('div', { class: 'small' }, 'failing record ', h('span', { class: 'pill mono' }, r.partitionKey), ' ', h('span', { class: 'mono muted small' }, r.sequenceNumber)),
      h('pre', { class: 'data' }, (r.data.json ?? r.data.gzip?.json ?? r.data.gzip?.utf8 ?? r.data.utf8 ?? r.data.base64) + (r.truncated ? '\n…' : ''))));
}
