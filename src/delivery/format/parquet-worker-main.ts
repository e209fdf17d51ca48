// Worker-thread entry of the ParquetWorkerPool: converts one request at a time with the same
// ParquetConverter the synchronous path uses, so both give identical bytes. Converters are cached
// per settings (a few delivery streams share the pool).
import { parentPort } from 'node:worker_threads';
import { ParquetConverter } from './parquet-converter.js';
import type { ConvertReply, ConvertRequest } from './parquet-worker-protocol.js';

const MAX_CACHED_CONVERTERS = 16;
const converters = new Map<string, ParquetConverter>();

function converterFor(request: ConvertRequest): ParquetConverter {
  const key = JSON.stringify(request.settings);
  let converter = converters.get(key);
  if (converter === undefined) {
    converter = new ParquetConverter(request.settings);
    if (converters.size >= MAX_CACHED_CONVERTERS) converters.delete(converters.keys().next().value!);
    converters.set(key, converter);
  }
  return converter;
}

function convert(request: ConvertRequest): { reply: ConvertReply; transfer: ArrayBuffer[] } {
  const { data, offsets } = request;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const records: { readonly data: Buffer; readonly index: number }[] = [];
  for (let i = 0; i + 1 < offsets.length; i += 1) records.push({ data: bytes.subarray(offsets[i]!, offsets[i + 1]!), index: i });
  const result = converterFor(request).convert(records);
  const converted = Uint32Array.from(result.converted, (r) => r.index);
  const failures = result.failed.map((f) => ({ index: f.record.index, errorCode: f.errorCode, errorMessage: f.errorMessage }));
  const body = result.body === undefined ? undefined : ownedBytes(result.body);
  const transfer = [converted.buffer, ...(body !== undefined ? [body.buffer as ArrayBuffer] : [])];
  return { reply: { id: request.id, ok: true, body, converted, failures }, transfer };
}

/** A view that owns its whole ArrayBuffer (so it can be transferred), copying only when it does not. */
function ownedBytes(buffer: Buffer): Uint8Array {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) return new Uint8Array(buffer.buffer, 0, buffer.byteLength);
  return new Uint8Array(buffer);
}

parentPort!.on('message', (request: ConvertRequest) => {
  let out: { reply: ConvertReply; transfer: ArrayBuffer[] };
  try {
    out = convert(request);
  } catch (err) {
    out = { reply: { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
  parentPort!.postMessage(out.reply, out.transfer);
});
