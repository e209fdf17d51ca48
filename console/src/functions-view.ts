// Functions: invocations, errors, throttles, duration percentiles and recent log lines.

import type { FunctionView } from '../../src/console/function-views.js';
import { get } from './api.js';
import { fill, h } from './dom.js';
import { count, duration, time } from './format.js';
import type { View } from './view.js';

export function functionsView(main: HTMLElement): View {
  const list = h('div', { class: 'stack', 'data-testid': 'function-list' });
  fill(main, h('header', { class: 'page-head' }, h('h1', {}, 'Functions')), list);
  return {
    async refresh() {
      const { functions } = await get<{ functions: FunctionView[] }>('/functions');
      fill(list, ...(functions.length === 0 ? [h('p', { class: 'empty card' }, 'No functions yet.')] : functions.map(card)));
      list.querySelectorAll('pre.logs').forEach((pre) => (pre.scrollTop = pre.scrollHeight));
    },
  };
}

function card(f: FunctionView): HTMLElement {
  const d = f.stats.durationMs;
  const errorRate = f.stats.invocations === 0 ? 0 : f.stats.errors / f.stats.invocations;
  return h('section', { class: 'card', 'data-testid': 'function-row', 'data-function-name': f.name },
    h('div', { class: 'row spread' },
      h('div', {}, h('h2', {}, f.name), h('div', { class: 'muted small' }, `${f.runtime} · ${f.handler} · ${f.memoryMb} MB · ${f.timeoutSeconds} s timeout`)),
      h('span', { class: `badge ${f.state === 'Active' ? 'ok' : 'warn'}` }, f.state)),
    h('div', { class: 'stats' },
      stat('Invocations', count(f.stats.invocations), 'function-invocations'),
      stat('Errors', `${count(f.stats.errors)}${f.stats.invocations ? ` (${(errorRate * 100).toFixed(1)}%)` : ''}`, 'function-errors'),
      stat('Throttles', count(f.stats.throttles)),
      stat('Duration p50 / p90 / p99', d ? `${duration(d.p50)} / ${duration(d.p90)} / ${duration(d.p99)}` : '—', 'function-duration')),
    f.recentErrors.length === 0 ? null : h('div', { 'data-testid': 'function-last-errors' }, h('h3', {}, 'Last errors'),
      ...f.recentErrors.map((e) => h('div', { class: 'small', 'data-testid': 'function-last-error' },
        h('span', { class: 'badge error' }, e.errorType), ' ', h('span', { class: 'muted' }, time(e.atMs)), ' ',
        h('span', { class: 'error-text' }, e.errorMessage),
        e.batch ? h('span', { class: 'muted' }, ` · ${e.batch.shardId}, batch of ${e.batch.size}${e.batch.failingRecord ? `, first failing key ${e.batch.failingRecord.partitionKey}` : ''}`) : null))),
    h('h3', {}, 'Recent logs'),
    f.recentLogs.length === 0
      ? h('p', { class: 'muted small' }, 'No output yet.')
      : h('pre', { class: 'logs', 'data-testid': 'function-logs' }, ...f.recentLogs.map((l) =>
          h('div', { class: `log ${l.level.toLowerCase()}` }, h('span', { class: 'muted' }, time(l.timeMs), ' '), h('span', { class: 'lvl' }, l.level.padEnd(5)), ' ', l.requestId ? h('span', { class: 'muted' }, `${l.requestId.slice(0, 8)} `) : null, l.message))));
}

function stat(label: string, value: string, testid?: string): HTMLElement {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value', 'data-testid': testid }, value));
}
