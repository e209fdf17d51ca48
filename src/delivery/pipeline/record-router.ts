// Runs one source batch through processing (FIREHOSE.md §4): record de-aggregation, transformation,
// then dynamic partitioning keys (jq over the transformed JSON, plus the function's partitionKeys).
// Each (sub-)record comes out as a delivery record, an error-output document, or dropped.

import type { FunctionInvoker } from '../../functions/function-invoker.js';
import type { DeliveryStreamDefinition } from '../delivery-stream-definition.js';
import type { DeliveryRecord } from '../sink.js';
import type { SourceRecord } from './delivery-source.js';
import { errorDocument, type ErrorOutputType } from './error-document.js';
import { compileJqQuery, type JqQuery } from './jq-query.js';
import { RecordDeAggregator } from './record-deaggregation.js';
import { chunkForInvocation, transformBatch, type TransformOutcome } from './transformation.js';

export type Route =
  | { readonly kind: 'main'; readonly record: DeliveryRecord; readonly queryKeys: Readonly<Record<string, string>>; readonly lambdaKeys: Readonly<Record<string, string>> }
  | { readonly kind: 'error'; readonly type: ErrorOutputType; readonly record: DeliveryRecord }
  | { readonly kind: 'dropped' };

/** A record after de-aggregation (the source record itself without it) and where it goes. */
export interface RoutedRecord {
  readonly source: SourceRecord;
  readonly route: Route;
}

export interface RouterContext {
  readonly definition: DeliveryStreamDefinition;
  readonly invoker: FunctionInvoker;
  readonly region: string;
  readonly now: () => number;
}

/** Builds the error-output record for a source record. */
export function errorRoute(source: SourceRecord, type: ErrorOutputType, code: string, message: string, attempts: number, now: number, lambdaArn?: string): Route {
  const data = errorDocument({
    type, attemptsMade: attempts, arrivalTimestamp: source.approximateArrivalTimestamp, errorCode: code, errorMessage: message,
    attemptEndingTimestamp: now, rawData: source.data, ...(lambdaArn !== undefined ? { lambdaArn } : {}),
  });
  return { kind: 'error', type, record: { recordId: source.recordId, data, approximateArrivalTimestamp: source.approximateArrivalTimestamp } };
}

export class RecordRouter {
  private readonly query: JqQuery | undefined;
  private readonly deAggregator: RecordDeAggregator | undefined;

  constructor(private readonly ctx: RouterContext) {
    const processing = ctx.definition.destination.processing;
    const q = processing.metadataExtractionQuery;
    this.query = q !== undefined && ctx.definition.destination.dynamicPartitioning?.enabled === true ? compileJqQuery(q) : undefined;
    this.deAggregator = processing.deAggregation !== undefined ? new RecordDeAggregator(processing.deAggregation) : undefined;
  }

  /**
   * The (sub-)records of a source batch with their routes, in input order: a record that cannot be
   * de-aggregated goes whole to the error output (`processing-failed`). Never rejects for
   * record-level problems.
   */
  async route(batch: readonly SourceRecord[]): Promise<RoutedRecord[]> {
    if (this.deAggregator === undefined) return this.routeRecords(batch);
    const out: RoutedRecord[] = [];
    let pending: SourceRecord[] = [];
    for (const record of batch) {
      const split = this.deAggregator.split(record);
      if (split.ok) {
        pending.push(...split.records);
        continue;
      }
      out.push(...(await this.routeRecords(pending)));
      pending = [];
      out.push({ source: record, route: errorRoute(record, 'processing-failed', 'RecordDeAggregation.Failed', split.message, 1, this.ctx.now()) });
    }
    out.push(...(await this.routeRecords(pending)));
    return out;
  }

  private async routeRecords(records: readonly SourceRecord[]): Promise<RoutedRecord[]> {
    if (records.length === 0) return [];
    return (await this.routesOf(records)).map((route, i) => ({ source: records[i]!, route }));
  }

  private async routesOf(records: readonly SourceRecord[]): Promise<Route[]> {
    const { definition } = this.ctx;
    const t = definition.destination.processing.transformation;
    let outcomes: TransformOutcome[];
    if (t === undefined) outcomes = records.map((r) => ({ kind: 'ok', data: r.data, partitionKeys: {} }));
    else {
      outcomes = [];
      for (const chunk of chunkForInvocation(records, Math.min(6_000_000, t.bufferSizeInMBs * 1024 * 1024))) {
        outcomes.push(...(await transformBatch({
          invoker: this.ctx.invoker, settings: t, deliveryStreamArn: definition.arn, region: this.ctx.region,
          ...(definition.sourceStreamArn !== undefined ? { sourceKinesisStreamArn: definition.sourceStreamArn } : {}),
        }, chunk)));
      }
    }
    const partitioning = definition.destination.dynamicPartitioning?.enabled === true;
    return records.map((source, i) => {
      const o = outcomes[i]!;
      if (o.kind === 'dropped') return o;
      if (o.kind === 'failed') return errorRoute(source, 'processing-failed', o.errorCode, o.errorMessage, o.attemptsMade, this.ctx.now(), t?.lambdaArn);
      let queryKeys: Record<string, string> = {};
      if (this.query !== undefined) {
        try {
          queryKeys = this.query.evaluate(JSON.parse(o.data.toString('utf8')));
        } catch (err) {
          const message = err instanceof SyntaxError ? 'Non JSON record provided' : (err as Error).message;
          return errorRoute(source, 'partitioning-failed', 'DynamicPartitioning.MetadataExtractionFailed', message, 1, this.ctx.now());
        }
      }
      const record: DeliveryRecord = {
        recordId: source.recordId, data: o.data, approximateArrivalTimestamp: source.approximateArrivalTimestamp,
        ...(partitioning ? { partitionKeys: { ...o.partitionKeys, ...queryKeys } } : {}),
      };
      return { kind: 'main', record, queryKeys, lambdaKeys: o.partitionKeys };
    });
  }
}
