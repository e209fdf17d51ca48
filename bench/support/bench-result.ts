// How a benchmark reports a figure: one `BENCH_RESULT {json}` line on stdout per figure, so
// bench/run.ts can collect figures from any benchmark it runs as a child process.
import { pathToFileURL } from 'node:url';

export interface BenchResult {
  /** Benchmark name, e.g. 'ingest'. */
  readonly bench: string;
  /** What was measured, e.g. 'tributary wrk records/s'. */
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly notes?: string;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Prints one figure for the runner (and a human). */
export function report(result: BenchResult): void {
  process.stdout.write(RESULT_PREFIX + JSON.stringify(result) + '\n');
}

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** `--seconds N` from the command line (or BENCH_SECONDS), else the given default. */
export function benchSeconds(fallback: number): number {
  const i = process.argv.indexOf('--seconds');
  const raw = i >= 0 ? process.argv[i + 1] : process.env['BENCH_SECONDS'];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}
