// A small time-series chart on uPlot: one line per series, a unit on the y axis, sized to its
// container, updated in place on every poll. The container carries data-sum / data-points so
// tests (and curious users) can read what is drawn.

import uPlot from 'uplot';

export interface ChartSeries {
  readonly label: string;
  readonly t: readonly number[];
  readonly v: readonly number[];
}

const PALETTE = ['#4f8cff', '#f5a524', '#17c964', '#f31260', '#9353d3', '#06b7db', '#ff7a45', '#a3a3a3'];

/** Merges series with different timestamps into uPlot's aligned form (seconds on x, null gaps). */
function align(series: readonly ChartSeries[]): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((s) => s.t))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const col: (number | null)[] = times.map(() => null);
    s.t.forEach((t, i) => (col[index.get(t)!] = s.v[i] ?? null));
    return col;
  });
  return [times.map((t) => t / 1000), ...columns];
}

export class Chart {
  private plot: uPlot | undefined;
  private labels = '';

  constructor(private readonly container: HTMLElement, private readonly options: { unit: string; format?: (v: number) => string; height?: number; /** Smallest top of the y axis. */ minMax?: number }) {}

  update(series: readonly ChartSeries[]): void {
    const data = align(series);
    const sum = series.reduce((acc, s) => acc + s.v.reduce((a, b) => a + b, 0), 0);
    this.container.dataset['sum'] = String(Math.round(sum * 1000) / 1000);
    this.container.dataset['points'] = String(series.reduce((acc, s) => acc + s.v.filter((v) => v !== 0).length, 0));
    const labels = series.map((s) => s.label).join('|');
    if (this.plot && labels === this.labels) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.labels = labels;
    const fmt = this.options.format ?? ((v: number) => String(v));
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const grid = dark ? '#2a2f3a' : '#e8e8ec';
    const text = dark ? '#a7adba' : '#5b6170';
    const width = Math.max(280, this.container.clientWidth || 600);
    this.plot = new uPlot(
      {
        width,
        height: this.options.height ?? 180,
        legend: { show: series.length > 1 },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(max > 0 ? max * 1.15 : 1, this.options.minMax ?? 0)] } },
        axes: [
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: this.options.unit, labelSize: 18, labelGap: 4, size: 72, values: (_u, vals) => vals.map(fmt) },
        ],
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: PALETTE[i % PALETTE.length],
            width: 1.5,
            fill: series.length === 1 ? `${PALETTE[0]}22` : undefined,
            points: { show: false },
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : fmt(v)),
          })),
        ],
      },
      data,
      this.container,
    );
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }
}
