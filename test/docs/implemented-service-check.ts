// The check behind the Lambda and SQS parts of docs/compatibility.md: each operation the code
// implements has one `### <Operation>` section with a status and every input member named, the
// part's overview agrees with it, and every other operation of the model is listed as not yet.

export interface ServiceModelShape {
  readonly operations: Readonly<Record<string, { readonly input?: { readonly shape: string } }>>;
  readonly shapes: Readonly<Record<string, { readonly members?: Readonly<Record<string, unknown>> }>>;
}

/** Splits a page at the given `# <Title>` lines: the text before the first, then each titled part. */
export function pageParts(page: string, titles: readonly string[]): string[] {
  const out: string[] = [];
  let rest = page;
  for (const title of titles) {
    const at = rest.indexOf(`\n# ${title}\n`);
    if (at < 0) throw new Error(`no "# ${title}" heading`);
    out.push(rest.slice(0, at + 1));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

/** Text under each `### Heading` (one entry per occurrence), up to the next heading of level 1 to 3. */
function sections(part: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: { texts: string[]; index: number } | undefined;
  for (const line of part.split('\n')) {
    const heading = /^(#{1,3})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      current = undefined;
      if (heading[1] === '###') {
        const texts = out.get(heading[2]!) ?? [];
        out.set(heading[2]!, texts);
        current = { texts, index: texts.push('') - 1 };
      }
    } else if (current) {
      current.texts[current.index] += `${line}\n`;
    }
  }
  return out;
}

/** Everything that keeps `part` from matching the model and the implemented operations, one line each. */
export function implementedServiceProblems(part: string, model: ServiceModelShape, implemented: readonly string[]): string[] {
  const found = sections(part);
  const overview = new Map([...part.matchAll(/\[(\w+)\]\(#[a-z]+\) \| (supported|partial|not yet) \|/g)].map((m) => [m[1]!, m[2]!]));
  const notYetLine = /^\*\*Not yet:\*\*([\s\S]*?)(?:\n\n|(?![\s\S]))/m.exec(part)?.[1] ?? '';
  const notYet = new Set([...notYetLine.matchAll(/`(\w+)`/g)].map((m) => m[1]!));
  const operations = Object.keys(model.operations).sort();
  const out: string[] = [];
  for (const name of [...implemented, ...overview.keys(), ...notYet]) {
    if (!(name in model.operations)) out.push(`${name}: not an operation of the model`);
  }
  for (const operation of operations) {
    if (!implemented.includes(operation)) {
      if (!notYet.has(operation)) out.push(`${operation}: not implemented, and not in the "**Not yet:**" list`);
      continue;
    }
    if (notYet.has(operation)) out.push(`${operation}: implemented, but in the "**Not yet:**" list`);
    const texts = found.get(operation);
    if (texts === undefined) {
      out.push(`${operation}: no "### ${operation}" section`);
      continue;
    }
    if (texts.length > 1) out.push(`${operation}: ${texts.length} sections`);
    const text = texts[0]!;
    const input = model.operations[operation]!.input;
    for (const member of input === undefined ? [] : Object.keys(model.shapes[input.shape]!.members ?? {})) {
      if (!text.includes(`\`${member}\``)) out.push(`${operation}: input member \`${member}\` not mentioned`);
    }
    const status = /^\*\*Status:\*\*\s*(supported|partial|not yet)\s*$/m.exec(text)?.[1];
    if (status === undefined) out.push(`${operation}: no "**Status:** supported | partial" line`);
    else if (status === 'not yet') out.push(`${operation}: implemented, but its section says "not yet"`);
    if (overview.get(operation) !== status) out.push(`${operation}: overview says "${overview.get(operation)}", section says "${status}"`);
  }
  return out;
}
