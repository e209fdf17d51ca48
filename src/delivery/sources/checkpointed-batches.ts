// Tracks batches handed to the pipeline in source order and the position up to which all of them
// are acknowledged: the only position a source may checkpoint.

export class CheckpointedBatches<P> {
  private readonly pending: { end: P; acked: boolean }[] = [];

  /** Records a batch ending at `end` (exclusive); returns its ack marker. */
  push(end: P): { acked: boolean } {
    const entry = { end, acked: false };
    this.pending.push(entry);
    return entry;
  }

  /** Pops the acknowledged prefix; the end of its last batch, or undefined when nothing new is safe. */
  advance(): P | undefined {
    let safe: P | undefined;
    while (this.pending.length > 0 && this.pending[0]!.acked) safe = this.pending.shift()!.end;
    return safe;
  }
}
