// Runs every benchmark (dist/bench/*.bench.js) one after another, each in its own process so their
// CPU and memory figures stay separate, then prints one table of every BENCH_RESULT figure.
// Usage: npm run bench [-- <name filter...>] [-- --seconds N]
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, type BenchResult } from './support/bench-result.js';

const ORDER = ['ingest', 'read-back', 'latency', 'restart'];

function benchFiles(dir: string): string[] {
  const rank = (f: string): number => {
    const i = ORDER.indexOf(f.replace(/\.bench\.js$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function runOne(file: string, args: readonly string[], results: BenchResult[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-warnings', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) {
          const r = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
          results.push(r);
          process.stdout.write(`  ${r.metric}: ${r.value} ${r.unit}${r.notes ? `  (${r.notes})` : ''}\n`);
        } else {
          process.stdout.write(line + '\n');
        }
      }
    });
    child.once('exit', (code) => resolve(code));
  });
}

function table(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [r.bench, r.metric, String(r.value), r.unit]);
  const header = ['bench', 'metric', 'value', 'unit'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => '| ' + cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

const dir = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const passThrough: string[] = [];
const filters: string[] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i]!.startsWith('--')) passThrough.push(argv[i]!, ...(argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') ? [argv[++i]!] : []));
  else filters.push(argv[i]!);
}
const results: BenchResult[] = [];
const failures: string[] = [];
const files = benchFiles(dir).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, node ${process.version}`);
for (const file of files) {
  console.log(`\n== ${file}`);
  const code = await runOne(join(dir, file), passThrough, results);
  if (code !== 0) failures.push(`${file} exited with ${code}`);
}
console.log('\n' + table(results));
if (failures.length > 0) {
  console.error('\n' + failures.join('\n'));
  process.exitCode = 1;
}
