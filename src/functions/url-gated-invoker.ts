// A FunctionInvoker that holds invocations until the server's URL is known. Event source mappings
// start before the server listens; an instance started then would lack AWS_ENDPOINT_URL for good.

import { timerSleeper } from '../mappings/engine/sleeper.js';
import type { FunctionInvoker, InvokeRequest, InvokeResult } from './function-invoker.js';

export class UrlGatedInvoker implements FunctionInvoker {
  private open = false;
  private ready: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  /** @param pollMs how often the URL is looked at while unknown */
  constructor(
    private readonly inner: FunctionInvoker,
    private readonly url: () => string,
    private readonly pollMs = 5,
  ) {}

  /** Passes the request on at once when the URL is known, else once it is (or the gate is closed). */
  invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.open || this.url() !== '') {
      this.open = true;
      return this.inner.invoke(request);
    }
    return (this.ready ??= this.waitForUrl()).then(() => this.inner.invoke(request));
  }

  /** Stops waiting: held invocations go through (and are refused by a closed runtime). */
  close(): void {
    this.stopping.abort();
  }

  private async waitForUrl(): Promise<void> {
    while (this.url() === '' && !this.stopping.signal.aborted) await timerSleeper.sleep(this.pollMs, this.stopping.signal);
    this.open = true;
  }
}
