// Thrown by the ParquetWorkerPool when a conversion could not run to its end (the worker thread
// crashed, ran out of heap or the pool closed). Nothing is wrong with the records: the pipeline
// retries the encode (`retryable: true`), and the pool starts a fresh worker for it.
export class ParquetWorkerError extends Error {
  override readonly name = 'ParquetWorkerError';
  readonly retryable = true;
}
