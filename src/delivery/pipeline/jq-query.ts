// The documented subset of jq 1.6 we support for `MetadataExtractionQuery`: an object constructor
// `{key: <expr>, "key2": <expr>}` where <expr> is a path (`.a.b`, `.["a b"]`, `.a[0]`) followed by
// optional `| filter` steps: tostring, ascii_downcase, ascii_upcase, strftime("<fmt>") (epoch seconds).
// Each evaluated value must be a string, number or boolean: it becomes a partition key.

export class JqError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqError';
  }
}

type Step = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number };
type Filter = { readonly name: 'tostring' | 'ascii_downcase' | 'ascii_upcase' } | { readonly name: 'strftime'; readonly format: string };
interface Field { readonly name: string; readonly path: readonly Step[]; readonly filters: readonly Filter[] }

export interface JqQuery {
  /** Partition key names in declaration order. */
  readonly keys: readonly string[];
  /** Evaluates over one JSON document; throws JqError when a key cannot be produced. */
  evaluate(doc: unknown): Record<string, string>;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}
  private ws(): void { while (/\s/.test(this.s[this.i] ?? '')) this.i++; }
  private peek(): string { this.ws(); return this.s[this.i] ?? ''; }
  private expect(c: string): void {
    if (this.peek() !== c) throw new JqError(`expected '${c}' at ${this.i} in ${this.s}`);
    this.i++;
  }
  private ident(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) throw new JqError(`expected a name at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    return m[0];
  }
  private str(): string {
    this.ws();
    const m = /^"(?:[^"\\]|\\.)*"/.exec(this.s.slice(this.i));
    if (!m) throw new JqError(`expected a string at ${this.i} in ${this.s}`);
    this.i += m[0].length;
    return JSON.parse(m[0]) as string;
  }
  parse(): Field[] {
    this.expect('{');
    const fields: Field[] = [];
    while (this.peek() !== '}') {
      const name = this.peek() === '"' ? this.str() : this.ident();
      this.expect(':');
      fields.push({ name, path: this.path(), filters: this.filters() });
      if (this.peek() === ',') this.i++;
      else break;
    }
    this.expect('}');
    if (this.peek() !== '') throw new JqError(`unexpected input at ${this.i} in ${this.s}`);
    if (fields.length === 0) throw new JqError('the query defines no keys');
    return fields;
  }
  private path(): Step[] {
    this.expect('.');
    const steps: Step[] = [];
    if (/[A-Za-z_]/.test(this.s[this.i] ?? '')) steps.push({ kind: 'key', key: this.ident() });
    for (;;) {
      const c = this.s[this.i];
      if (c === '.' && /[A-Za-z_"]/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        steps.push({ kind: 'key', key: this.s[this.i] === '"' ? this.str() : this.ident() });
      } else if (c === '[') {
        this.i++;
        if (this.peek() === '"') steps.push({ kind: 'key', key: this.str() });
        else {
          this.ws();
          const m = /^-?\d+/.exec(this.s.slice(this.i));
          if (!m) throw new JqError(`expected an index at ${this.i} in ${this.s}`);
          this.i += m[0].length;
          steps.push({ kind: 'index', index: Number(m[0]) });
        }
        this.expect(']');
      } else return steps;
    }
  }
  private filters(): Filter[] {
    const out: Filter[] = [];
    while (this.peek() === '|') {
      this.i++;
      const name = this.ident();
      if (name === 'tostring' || name === 'ascii_downcase' || name === 'ascii_upcase') out.push({ name });
      else if (name === 'strftime') {
        this.expect('(');
        const format = this.str();
        this.expect(')');
        out.push({ name, format });
      } else throw new JqError(`unsupported filter ${name}`);
    }
    return out;
  }
}

function strftime(format: string, seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const map: Record<string, string> = {
    Y: String(d.getUTCFullYear()), m: p(d.getUTCMonth() + 1), d: p(d.getUTCDate()), H: p(d.getUTCHours()),
    M: p(d.getUTCMinutes()), S: p(d.getUTCSeconds()), j: p(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3),
    y: p(d.getUTCFullYear() % 100), '%': '%',
  };
  return format.replace(/%(.)/g, (_, c: string) => {
    const v = map[c];
    if (v === undefined) throw new JqError(`strftime: unsupported %${c}`);
    return v;
  });
}

function apply(field: Field, doc: unknown): string {
  let v: unknown = doc;
  for (const step of field.path) {
    if (step.kind === 'key') v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[step.key] : undefined;
    else v = Array.isArray(v) ? v.at(step.index) : undefined;
  }
  for (const f of field.filters) {
    if (f.name === 'tostring') v = typeof v === 'string' ? v : JSON.stringify(v ?? null);
    else if (f.name === 'strftime') {
      if (typeof v !== 'number') throw new JqError(`strftime/1 requires parsed datetime inputs`);
      v = strftime(f.format, v);
    } else {
      if (typeof v !== 'string') throw new JqError(`${f.name} input must be a string`);
      v = f.name === 'ascii_downcase' ? v.toLowerCase() : v.toUpperCase();
    }
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new JqError(`partition key ${field.name} evaluated to ${v === undefined ? 'null' : JSON.stringify(v)}`);
}

/** Parses a query; throws JqError for syntax outside the subset. */
export function compileJqQuery(source: string): JqQuery {
  const fields = new Parser(source.trim()).parse();
  return {
    keys: fields.map((f) => f.name),
    evaluate(doc) {
      const out: Record<string, string> = {};
      for (const f of fields) out[f.name] = apply(f, doc);
      return out;
    },
  };
}
