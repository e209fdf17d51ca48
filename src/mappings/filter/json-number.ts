// A JSON number that keeps its source text. Filter equality compares numbers by their JSON text
// (`300` ≠ `300.0` ≠ `3.0e2`, ESM.md §9), while numeric ranges compare their values.

export class JsonNumber {
  constructor(
    /** The number exactly as written in the JSON text, e.g. `300.0`. */
    readonly text: string,
  ) {}

  /** The number's IEEE-754 value. */
  get value(): number {
    return Number(this.text);
  }
}

/** The JSON text of a number leaf: kept text for JsonNumber, shortest JSON form for a JS number. */
export function numberText(value: unknown): string | undefined {
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  return undefined;
}

/** The numeric value of a number leaf, or undefined when the leaf is not a number. */
export function numberValue(value: unknown): number | undefined {
  if (value instanceof JsonNumber) return value.value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}
