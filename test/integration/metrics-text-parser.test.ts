// The strict exposition parser the /metrics tests rely on: it reads what prom-client writes and
// rejects what a Prometheus server would reject, so "parseable" in those tests means something.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Histogram, Registry } from 'prom-client';
import { parsePrometheusText, sampleValue } from './support/prometheus-text.js';

describe('Prometheus text parser', () => {
  test('reads prom-client counters and histograms, labels with escapes included', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'x_total', help: 'x', labelNames: ['name'], registers: [registry] });
    counter.inc({ name: 'a "quoted"\\ \nname' }, 3);
    const histogram = new Histogram({ name: 'lat_ms', help: 'l', labelNames: ['s'], buckets: [1, 10], registers: [registry] });
    histogram.observe({ s: 'q' }, 5);
    const families = parsePrometheusText(await registry.metrics());
    assert.deepEqual([...families.keys()], ['x_total', 'lat_ms']);
    assert.equal(families.get('lat_ms')!.type, 'histogram');
    assert.equal(sampleValue(families, 'x_total', { name: 'a "quoted"\\ \nname' }), 3);
    assert.equal(sampleValue(families, 'lat_ms_bucket', { s: 'q', le: '1' }), 0);
    assert.equal(sampleValue(families, 'lat_ms_bucket', { s: 'q', le: '+Inf' }), 1);
    assert.equal(sampleValue(families, 'lat_ms_count', { s: 'q' }), 1);
    assert.equal(sampleValue(families, 'lat_ms_count', {}), undefined);
  });

  test('rejects untyped samples, bad names, bad escapes and bad values', () => {
    assert.throws(() => parsePrometheusText('a 1\n'), /sample without a TYPE/);
    assert.throws(() => parsePrometheusText('# TYPE 1a counter\n'), /bad metric name/);
    assert.throws(() => parsePrometheusText('# TYPE a counter\na{l="\\t"} 1\n'), /bad escape/);
    assert.throws(() => parsePrometheusText('# TYPE a counter\na{l="x"} one\n'), /bad value/);
    assert.throws(() => parsePrometheusText('# TYPE a counter\na{l="x" 1\n'), /expected , or \}/);
    assert.throws(() => parsePrometheusText('# TYPE a counter\n# TYPE a gauge\n'), /second TYPE/);
  });
});
