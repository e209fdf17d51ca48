// A strict parser for the Prometheus text exposition format (0.0.4), so tests can assert that
// /metrics is parseable and read exact sample values by name and labels. Throws on any line a
// Prometheus server would reject (bad names, bad escapes, samples outside a declared family).

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name, e.g. `x_bucket` for the family `x`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** Families by name, in exposition order. */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const helps = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line)})`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (meta === null) return; // a plain comment
      const [, keyword, name, rest] = meta as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`bad metric name at ${where}`);
      if (keyword === 'HELP') {
        helps.set(name, rest);
        const known = families.get(name);
        if (known !== undefined) families.set(name, { ...known, help: rest });
        return;
      }
      if (!TYPES.has(rest as MetricType)) throw new Error(`bad type at ${where}`);
      if (families.has(name)) throw new Error(`second TYPE for ${name} at ${where}`);
      families.set(name, { name, type: rest as MetricType, help: helps.get(name) ?? '', samples: [] });
      return;
    }
    const sample = parseSample(line, where);
    const family = familyOf(families, sample.name);
    if (family === undefined) throw new Error(`sample without a TYPE at ${where}`);
    family.samples.push(sample);
  });
  return families;
}

function familyOf(families: Map<string, Family>, sampleName: string): Family | undefined {
  for (const family of families.values()) {
    for (const suffix of SUFFIXES[family.type]) {
      if (family.name + suffix === sampleName) return family;
    }
  }
  return undefined;
}

function parseSample(line: string, where: string): Sample {
  const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (head === null) throw new Error(`bad sample name at ${where}`);
  const name = head[1]!;
  let pos = name.length;
  const labels: Record<string, string> = {};
  if (line[pos] === '{') {
    pos++;
    while (line[pos] !== '}') {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(pos));
      if (label === null || !LABEL.test(label[1]!)) throw new Error(`bad label at ${where}`);
      pos += label[0].length;
      let value = '';
      for (;;) {
        const ch = line[pos++];
        if (ch === undefined) throw new Error(`unterminated label value at ${where}`);
        if (ch === '"') break;
        if (ch === '\\') {
          const escaped = line[pos++];
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw new Error(`bad escape at ${where}`);
        } else value += ch;
      }
      if (label[1]! in labels) throw new Error(`repeated label at ${where}`);
      labels[label[1]!] = value;
      if (line[pos] === ',') pos++;
      else if (line[pos] !== '}') throw new Error(`expected , or } at ${where}`);
    }
    pos++;
  }
  const rest = /^ (\S+)(?: (-?\d+))?$/.exec(line.slice(pos));
  if (rest === null) throw new Error(`bad value at ${where}`);
  return { name, labels, value: parseValue(rest[1]!, where) };
}

function parseValue(text: string, where: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value ${text} at ${where}`);
  return Number(text);
}

/** The value of the sample `name` whose labels are exactly `labels`, or undefined when absent. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted) return s.value;
    }
  }
  return undefined;
}
