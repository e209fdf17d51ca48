// Writes query-protocol responses: `<OpResponse xmlns=..><OpResult>..</OpResult>
// <ResponseMetadata><RequestId>..</RequestId></ResponseMetadata></OpResponse>`, the result
// serialised from the operation's output shape with the service's QueryNames (flattened lists
// and maps as repeated elements), as botocore's query parser reads it; and the
// `<ErrorResponse>` document for errors.

import type { MemberRef, ServiceModel } from '../api/model/service-model.js';
import { isFlattened, mapEntryNames, memberName, type QueryNames } from './query-names.js';
import { escapeXml, xmlElement } from './xml-text.js';

const PROLOG = '<?xml version="1.0"?>';

export interface QueryErrorDetails {
  readonly type: 'Sender' | 'Receiver';
  readonly code: string;
  readonly message?: string;
  readonly requestId: string;
}

export class QueryXmlWriter {
  constructor(
    private readonly model: ServiceModel,
    private readonly names: QueryNames,
    private readonly xmlNamespace: string,
  ) {}

  /** The response document for `operation` with `output` (wire member names, Buffers for blobs). */
  response(operation: string, output: Readonly<Record<string, unknown>>, requestId: string): Buffer {
    const outputRef = this.model.operation(operation).output;
    const result = outputRef ? `<${operation}Result>${this.members(outputRef.shape, output)}</${operation}Result>` : '';
    const metadata = `<ResponseMetadata>${xmlElement('RequestId', requestId)}</ResponseMetadata>`;
    return Buffer.from(`${PROLOG}<${operation}Response xmlns="${this.xmlNamespace}">${result}${metadata}</${operation}Response>`, 'utf8');
  }

  /** The `<ErrorResponse>` document. */
  error(details: QueryErrorDetails): Buffer {
    const message = details.message === undefined ? '' : xmlElement('Message', details.message);
    const error = `<Error>${xmlElement('Type', details.type)}${xmlElement('Code', details.code)}${message}<Detail/></Error>`;
    return Buffer.from(`${PROLOG}<ErrorResponse xmlns="${this.xmlNamespace}">${error}${xmlElement('RequestId', details.requestId)}</ErrorResponse>`, 'utf8');
  }

  private members(structure: string, value: Readonly<Record<string, unknown>>): string {
    const shape = this.model.shape(structure);
    if (shape.type !== 'structure') return '';
    let out = '';
    for (const [member, ref] of Object.entries(shape.members)) {
      const v = value[member];
      if (v === undefined || v === null) continue;
      out += this.member(ref, memberName(this.names, structure, member), v);
    }
    return out;
  }

  private member(ref: MemberRef, name: string, value: unknown): string {
    const shape = this.model.shape(ref.shape);
    switch (shape.type) {
      case 'structure':
        return `<${name}>${this.members(ref.shape, value as Record<string, unknown>)}</${name}>`;
      case 'list': {
        const items = value as readonly unknown[];
        const itemName = this.names.listMembers[ref.shape];
        if (isFlattened(ref, shape)) return items.map((item) => this.member(shape.member, itemName ?? name, item)).join('');
        return `<${name}>${items.map((item) => this.member(shape.member, itemName ?? 'member', item)).join('')}</${name}>`;
      }
      case 'map': {
        const [keyName, valueName] = mapEntryNames(this.names, ref.shape);
        const entries = Object.entries(value as Record<string, unknown>).map(
          ([k, v]) => `${xmlElement(keyName, k)}${this.member(shape.value, valueName, v)}`,
        );
        if (isFlattened(ref, shape)) return entries.map((e) => `<${name}>${e}</${name}>`).join('');
        return `<${name}>${entries.map((e) => `<entry>${e}</entry>`).join('')}</${name}>`;
      }
      default:
        return `<${name}>${escapeXml(scalarText(value))}</${name}>`;
    }
  }
}

function scalarText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
