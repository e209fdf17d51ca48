// The console's JSON API (paths under /console/api/): a small route table over the view modules.
// Transport-neutral: takes method, path, query and body, returns a status and a JSON value, so
// handlers are tested in-process; http/console-router.ts adapts it to the gateway.

import { MappingConflictError, MappingInUseError, MappingNotFoundError } from '../mappings/mapping-registry-errors.js';
import type { ConsoleDeps } from './console-deps.js';
import { deliveryStreamView, listDeliveryStreamViews } from './delivery-views.js';
import { listFunctionViews } from './function-views.js';
import { listMappingViews } from './mapping-views.js';
import { listQueueViews, queueMessagesView, redriveQueue } from './queue-views.js';
import { searchRecords } from './record-search.js';
import { shardMetrics, streamHotKeys } from './stream-metrics.js';
import { listStreamViews, streamView } from './stream-views.js';

export interface ApiRequest {
  readonly method: string;
  /** Path below /console/api, e.g. `/streams/orders`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Buffer;
}

export interface ApiResponse {
  readonly status: number;
  readonly json: unknown;
}

type Handler = (deps: ConsoleDeps, params: string[], request: ApiRequest) => Promise<ApiResponse> | ApiResponse;

class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const ok = (json: unknown): ApiResponse => ({ status: 200, json });

function numberParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ApiError(400, `${name} must be a number`);
  return value;
}

function stringParam(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}

function requireStream(deps: ConsoleDeps, name: string) {
  const stream = deps.streams.list().find((s) => s.name === name);
  if (stream === undefined) throw new ApiError(404, `stream ${name} not found`);
  return stream;
}

function jsonBody(request: ApiRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ApiError(400, 'body must be a JSON object');
}

function requireMappings(deps: ConsoleDeps) {
  if (!deps.mappings) throw new ApiError(404, 'mappings are not available');
  return deps.mappings;
}

const routes: [method: string, pattern: RegExp, handler: Handler][] = [
  ['GET', /^\/overview$/, (deps) => ok({
    nowMs: deps.now(),
    streams: deps.streams.list().length,
    mappings: deps.mappings?.list().length ?? 0,
    functions: deps.functions?.list().length ?? 0,
    queues: deps.queues?.list().length ?? 0,
    deliveryStreams: deps.deliveryStreams?.list().length ?? 0,
  })],
  ['GET', /^\/streams$/, (deps) => ok({ streams: listStreamViews(deps.streams, deps.log) })],
  ['GET', /^\/streams\/([^/]+)$/, (deps, [name]) => ok(streamView(requireStream(deps, name!), deps.log))],
  ['GET', /^\/streams\/([^/]+)\/metrics$/, (deps, [name], r) => ok(shardMetrics(deps, requireStream(deps, name!), numberParam(r.query, 'sinceMs')))],
  ['GET', /^\/streams\/([^/]+)\/hot-keys$/, (deps, [name], r) => ok({ shards: streamHotKeys(deps, requireStream(deps, name!), numberParam(r.query, 'n') ?? 10) })],
  ['GET', /^\/streams\/([^/]+)\/records$/, async (deps, [name], r) => {
    const q = r.query;
    const query = {
      partitionKey: stringParam(q, 'partitionKey'),
      sequenceNumber: stringParam(q, 'sequenceNumber'),
      fromMs: numberParam(q, 'fromMs'),
      toMs: numberParam(q, 'toMs'),
      shardId: stringParam(q, 'shardId'),
      limit: numberParam(q, 'limit'),
    };
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    return ok(await searchRecords(requireStream(deps, name!), defined, { log: deps.log, region: deps.region }));
  }],
  ['GET', /^\/mappings$/, async (deps) => ok({ mappings: await listMappingViews(deps) })],
  ['POST', /^\/mappings\/([^/]+)\/(enable|disable)$/, async (deps, [uuid, action]) => {
    const mapping = await requireMappings(deps).setEnabled(uuid!, action === 'enable');
    return ok({ uuid: mapping.uuid, state: mapping.state, enabled: mapping.enabled });
  }],
  ['POST', /^\/mappings\/([^/]+)\/rewind$/, async (deps, [uuid], r) => {
    const body = jsonBody(r);
    const position = body['position'];
    if (position !== 'TRIM_HORIZON' && position !== 'AT_TIMESTAMP') throw new ApiError(400, 'position must be TRIM_HORIZON or AT_TIMESTAMP');
    const timestampMs = body['timestampMs'];
    if (position === 'AT_TIMESTAMP' && typeof timestampMs !== 'number') throw new ApiError(400, 'timestampMs (epoch ms) is required for AT_TIMESTAMP');
    await requireMappings(deps).rewind(uuid!, position, typeof timestampMs === 'number' ? timestampMs : undefined);
    return ok({ uuid, rewoundTo: position, ...(typeof timestampMs === 'number' ? { timestampMs } : {}) });
  }],
  ['GET', /^\/functions$/, (deps) => ok({ functions: listFunctionViews(deps) })],
  ['GET', /^\/functions\/([^/]+)\/logs$/, (deps, [name]) => ok({ functionName: name, lines: deps.functionLogs?.lines(name!) ?? [] })],
  ['GET', /^\/queues$/, (deps) => ok({ queues: listQueueViews(deps) })],
  ['GET', /^\/queues\/([^/]+)\/messages$/, async (deps, [name], r) => {
    const messages = await queueMessagesView(deps, name!, Math.min(numberParam(r.query, 'limit') ?? 50, 500));
    if (messages === undefined) throw new ApiError(404, `queue ${name} not found`);
    return ok({ queueName: name, messages });
  }],
  ['POST', /^\/queues\/([^/]+)\/redrive$/, async (deps, [name]) => {
    const result = await redriveQueue(deps, name!);
    if (result === undefined) throw new ApiError(404, `queue ${name} not found`);
    return ok(result);
  }],
  ['GET', /^\/delivery-streams$/, (deps) => ok({ deliveryStreams: listDeliveryStreamViews(deps) })],
  ['GET', /^\/delivery-streams\/([^/]+)$/, (deps, [name], r) => {
    const view = deliveryStreamView(deps, name!, numberParam(r.query, 'sinceMs'));
    if (view === undefined) throw new ApiError(404, `delivery stream ${name} not found`);
    return ok(view);
  }],
];

/** Answers one API request; unknown paths are 404, wrong methods 405, thrown domain errors 4xx. */
export async function handleApi(deps: ConsoleDeps, request: ApiRequest): Promise<ApiResponse> {
  let pathMatched = false;
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (method !== request.method) continue;
    try {
      return await handler(deps, match.slice(1).map((p) => decodeURIComponent(p)), request);
    } catch (err) {
      if (err instanceof ApiError) return { status: err.status, json: { error: err.message } };
      if (err instanceof MappingNotFoundError) return { status: 404, json: { error: err.message } };
      if (err instanceof MappingInUseError || err instanceof MappingConflictError) return { status: 409, json: { error: err.message } };
      throw err;
    }
  }
  return pathMatched ? { status: 405, json: { error: `method ${request.method} not allowed` } } : { status: 404, json: { error: `no console endpoint ${request.path}` } };
}
