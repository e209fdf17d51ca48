// Type declarations for the snappyjs package (pure-JS raw Snappy block codec), which ships none.
declare module 'snappyjs' {
  /** Compresses one raw Snappy block (no framing). Returns the same container type as given. */
  export function compress<T extends Uint8Array | ArrayBuffer>(input: T): T;
  /** Decompresses one raw Snappy block; throws on corrupt input or when it would exceed maxLength. */
  export function uncompress<T extends Uint8Array | ArrayBuffer>(input: T, maxLength?: number): T;
}
