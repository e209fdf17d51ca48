// Tells HTTP/2 with prior knowledge (h2c) from HTTP/1.1 on a cleartext connection by its first
// bytes: an HTTP/2 client opens with the fixed preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`, which no
// HTTP/1.1 request line can start with. The bytes read are put back before the socket is handed on.

import type { Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export type HttpVersion = 'http/1.1' | 'h2c';

/**
 * Reads just enough of `socket` to decide, unshifts what it read, and calls `decided` once with
 * the socket paused. Never calls it when the socket closes, errors or stays silent for `idleMs`
 * first (the socket is destroyed in that last case).
 */
export function sniffHttpVersion(socket: Socket, idleMs: number, decided: (version: HttpVersion) => void): void {
  let seen: Buffer = Buffer.alloc(0);
  let done = false;
  const finish = (version: HttpVersion | undefined): void => {
    if (done) return;
    done = true;
    socket.off('data', onData);
    socket.off('timeout', onTimeout);
    socket.setTimeout(0);
    if (version === undefined) return;
    socket.pause();
    socket.unshift(seen);
    decided(version);
  };
  const onData = (chunk: Buffer): void => {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    const n = Math.min(seen.length, PREFACE.length);
    const matches = seen.subarray(0, n).equals(PREFACE.subarray(0, n));
    if (!matches) finish('http/1.1');
    else if (n === PREFACE.length) finish('h2c');
  };
  const onTimeout = (): void => {
    finish(undefined);
    socket.destroy();
  };
  socket.on('data', onData);
  socket.setTimeout(idleMs, onTimeout);
  socket.once('close', () => finish(undefined));
}
