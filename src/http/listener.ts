// The one port: HTTP/1.1 and h2c (prior knowledge) on a cleartext socket, told apart by their
// first bytes; or, with TLS, h2 and HTTP/1.1 chosen by ALPN. Tracks connections and in-flight
// requests so close() can stop accepting, let running requests finish, then drop the rest.

import http from 'node:http';
import http2 from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { sniffHttpVersion } from './protocol-sniffer.js';
import type { NodeRequest, NodeResponse } from './serve-request.js';

export interface ListenerOptions {
  readonly host: string;
  readonly port: number;
  /** PEM certificate and key: serve HTTPS (h2 and HTTP/1.1 via ALPN) instead of cleartext. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  readonly onRequest: (req: NodeRequest, res: NodeResponse) => void;
  readonly logger: Logger;
  /** How long close() waits for in-flight requests before cutting connections (default 10 s). */
  readonly closeTimeoutMs?: number;
}

export interface Listener {
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  /** `http://host:port` or `https://host:port`. */
  readonly url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to closeTimeoutMs), closes
   * idle and HTTP/2 connections gracefully, then destroys whatever is left. Idempotent.
   */
  close(): Promise<void>;
}

const SNIFF_IDLE_MS = 60_000;
const H2_SETTINGS: http2.Settings = { initialWindowSize: 1 << 20 };
const H2_SESSION_WINDOW = 8 << 20;
const H2_MAX_SESSION_MEMORY_MB = 64;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startListener(options: ListenerOptions): Promise<Listener> {
  const { logger } = options;
  const sockets = new Set<Socket>();
  const http1Sockets = new Map<Socket, number>();
  const sniffing = new Set<Socket>();
  const sessions = new Set<http2.Http2Session>();
  let inFlight = 0;
  let closing = false;
  let changed = (): void => {};

  const onRequest = (req: NodeRequest, res: NodeResponse): void => {
    inFlight += 1;
    const socket = 'stream' in req ? undefined : req.socket;
    if (socket !== undefined) http1Sockets.set(socket, (http1Sockets.get(socket) ?? 0) + 1);
    if (closing && socket !== undefined) res.setHeader('Connection', 'close');
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      if (socket !== undefined && http1Sockets.has(socket)) {
        const remaining = (http1Sockets.get(socket) ?? 1) - 1;
        http1Sockets.set(socket, remaining);
        if (closing && remaining === 0) socket.end();
      }
      changed();
    };
    res.once('finish', done);
    res.once('close', done);
    options.onRequest(req, res);
  };

  const trackSocket = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('error', (err) => logger.debug({ err }, 'connection error'));
    socket.once('close', () => {
      sockets.delete(socket);
      http1Sockets.delete(socket);
      changed();
    });
  };
  const trackSession = (session: http2.Http2Session): void => {
    sessions.add(session);
    session.on('error', (err) => logger.debug({ err }, 'http2 session error'));
    session.once('close', () => {
      sessions.delete(session);
      changed();
    });
    session.once('connect', () => session.setLocalWindowSize(H2_SESSION_WINDOW));
  };
  const trackHttp1 = (socket: Socket): void => {
    if (!http1Sockets.has(socket)) http1Sockets.set(socket, 0);
  };

  const h2Options = { settings: H2_SETTINGS, maxSessionMemory: H2_MAX_SESSION_MEMORY_MB };
  let front: net.Server;
  if (options.tls !== undefined) {
    const secure = http2.createSecureServer({ ...h2Options, ...options.tls, allowHTTP1: true }, onRequest);
    secure.on('connection', trackSocket);
    secure.on('secureConnection', (socket) => {
      if (socket.alpnProtocol !== 'h2') trackHttp1(socket);
    });
    secure.on('session', trackSession);
    front = secure;
  } else {
    const h1 = http.createServer({ keepAliveTimeout: 65_000 }, onRequest);
    const h2 = http2.createServer(h2Options, onRequest);
    h2.on('session', trackSession);
    front = net.createServer((socket) => {
      trackSocket(socket);
      sniffing.add(socket);
      socket.once('close', () => sniffing.delete(socket));
      sniffHttpVersion(socket, SNIFF_IDLE_MS, (version) => {
        sniffing.delete(socket);
        if (closing) {
          socket.destroy();
        } else if (version === 'h2c') {
          h2.emit('connection', socket);
        } else {
          trackHttp1(socket);
          h1.emit('connection', socket);
          socket.resume();
        }
      });
    });
  }
  front.on('error', (err) => logger.error({ err }, 'listener error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    front.once('error', onError);
    front.listen(options.port, options.host, () => {
      front.off('error', onError);
      resolve();
    });
  });
  const port = (front.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    closing = true;
    const stopped = new Promise<void>((resolve) => front.close(() => resolve()));
    for (const [socket, active] of http1Sockets) if (active === 0) socket.destroy();
    for (const session of sessions) session.close();
    for (const socket of sniffing) socket.destroy();
    const deadline = Date.now() + (options.closeTimeoutMs ?? 10_000);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      changed = () => {
        if (inFlight === 0 && sockets.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      changed();
    });
    for (const session of sessions) session.destroy();
    for (const socket of sockets) socket.destroy();
    await stopped;
  };

  return {
    port,
    url: `${options.tls ? 'https' : 'http'}://${urlHost(options.host)}:${port}`,
    close: () => (closed ??= drain()),
  };
}
