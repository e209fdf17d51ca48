// Formats an instant with a Java DateTimeFormatter pattern, the subset Firehose prefixes use:
// yyyy yy MM M dd d HH H mm m ss s SSS DDD, quoted literals ('T', '' for a quote), UTC or an IANA zone.

interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millis: number;
  readonly dayOfYear: number;
}

/** Thrown for a pattern letter we do not support or an unterminated quote. */
export class TimestampPatternError extends Error {
  constructor(readonly pattern: string, detail: string) {
    super(`invalid timestamp pattern ${JSON.stringify(pattern)}: ${detail}`);
    this.name = 'TimestampPatternError';
  }
}

function fieldsOf(epochMs: number, timeZone: string | undefined): Fields {
  let year: number, month: number, day: number, hour: number, minute: number, second: number;
  const date = new Date(epochMs);
  if (timeZone === undefined || timeZone === 'UTC') {
    year = date.getUTCFullYear();
    month = date.getUTCMonth() + 1;
    day = date.getUTCDate();
    hour = date.getUTCHours();
    minute = date.getUTCMinutes();
    second = date.getUTCSeconds();
  } else {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(date);
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
    year = get('year'); month = get('month'); day = get('day');
    hour = get('hour'); minute = get('minute'); second = get('second');
  }
  const dayOfYear = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return { year, month, day, hour, minute, second, millis: ((epochMs % 1000) + 1000) % 1000, dayOfYear };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function letter(run: string, f: Fields, pattern: string): string {
  const c = run[0]!;
  const n = run.length;
  switch (c) {
    case 'y': case 'u':
      return n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
    case 'M': return pad(f.month, n);
    case 'd': return pad(f.day, n);
    case 'H': return pad(f.hour, n);
    case 'm': return pad(f.minute, n);
    case 's': return pad(f.second, n);
    case 'S': return pad(f.millis, 3).slice(0, n).padEnd(n, '0');
    case 'D': return pad(f.dayOfYear, n);
    default: throw new TimestampPatternError(pattern, `unsupported letter '${c}'`);
  }
}

/** Throws TimestampPatternError when the pattern cannot be formatted. */
export function formatTimestamp(pattern: string, epochMs: number, timeZone?: string): string {
  const f = fieldsOf(epochMs, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") { out += "'"; i += 2; continue; }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new TimestampPatternError(pattern, 'unterminated quote');
      // '' inside a quoted section is one quote; handled by splitting on the next quote pair.
      out += pattern.slice(i + 1, end);
      i = end + 1;
      if (pattern[i] === "'") { out += "'"; }
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += letter(pattern.slice(i, j), f, pattern);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
