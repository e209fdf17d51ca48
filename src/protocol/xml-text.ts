// Escaping text for XML element content the way AWS's query services write it: the five XML
// specials, and carriage return as a character reference so parsers do not normalise it away.

const SPECIAL = /[&<>"'\r]/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };

export function escapeXml(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITY[c]!);
}

/** `<name>escaped text</name>`. */
export function xmlElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}
