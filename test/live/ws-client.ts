import WebSocket from 'ws';

/** A server frame of the WebSocket API (packages/adapter-ws/README.md). */
export type Frame = Record<string, unknown> & { type: string };

/** How a connection ended, as the client saw it. */
export interface Closed {
  code: number;
  reason: string;
}

/** A test client of `/api/v1/ws`: every frame kept in arrival order, waits by predicate. */
export interface WsTestClient {
  socket: WebSocket;
  frames: Frame[];
  send(message: unknown): void;
  /** The first frame (received so far or later) matching `match`, after the `from`-th frame. */
  next(
    match: (frame: Frame) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<Frame>;
  closed: Promise<Closed>;
}

/** The `ws://…/api/v1/ws` URL of a test server's `http://` base URL. */
export const wsUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`;

/**
 * Opens a connection, with the API key in the upgrade's `Authorization` header when given, and
 * resolves once it is open (not yet authenticated: wait for `welcome`).
 */
export async function connectWs(
  baseUrl: string,
  apiKey?: string,
  options: { autoPong?: boolean } = {},
): Promise<WsTestClient> {
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const socket = new WebSocket(wsUrl(baseUrl), { headers, autoPong: options.autoPong ?? true });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Frame);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<Closed>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters) wake();
    });
  });
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return {
    socket,
    frames,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(match, { from = 0, timeoutMs = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.slice(from).find(match);
          if (found) {
            done();
            resolve(found);
          } else if (socket.readyState === WebSocket.CLOSED) {
            done();
            reject(new Error(`closed before a matching frame; got ${JSON.stringify(frames)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Frames of one type (and, when given, one subscription). */
export const ofType =
  (type: string, subscription?: unknown) =>
  (frame: Frame): boolean =>
    frame.type === type && (subscription === undefined || frame.subscription === subscription);

/** The answer (`ack`, `welcome` or `error`) to the message sent with `id`. */
export const answerTo =
  (id: unknown) =>
  (frame: Frame): boolean =>
    frame.id === id && ['ack', 'welcome', 'error', 'pong'].includes(frame.type);
