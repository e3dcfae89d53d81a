import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Commerce, CommerceError } from '@commerce/core';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES } from './close-codes.js';
import { DEFAULT_WS_LIMITS, type WsLimits } from './limits.js';
import { type Session, startSession } from './session.js';

export interface WsHandlerOptions {
  commerce: Commerce;
  /** Unset limits keep `DEFAULT_WS_LIMITS`. */
  limits?: Partial<WsLimits>;
  /** Called for `internal` errors (to log them); the client sees only `internal error`. */
  onInternalError?: (error: CommerceError, requestId: string) => void;
}

/** The WebSocket endpoint, for a server's upgrade router; `close` ends every connection. */
export interface WsHandler {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection with 1001 (going away), then stops accepting new ones. */
  close(): Promise<void>;
}

/** How long connections get to answer the 1001 close before they are cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The commerce WebSocket protocol (see the package README): a `ws` server without its own
 * port, a heartbeat over every connection and one session per connection.
 */
export function createWsHandler(options: WsHandlerOptions): WsHandler {
  const limits: WsLimits = { ...DEFAULT_WS_LIMITS, ...options.limits };
  // maxPayload makes ws close an oversized message with 1009 before buffering all of it.
  const server = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const sessions = new Map<object, Session>();
  let closing = false;

  server.on('connection', (socket, request: IncomingMessage) => {
    const session = startSession(socket, request, { ...options, limits });
    sessions.set(socket, session);
    socket.once('close', () => sessions.delete(socket));
  });

  const heartbeat = setInterval(() => {
    for (const session of sessions.values()) session.heartbeat();
  }, limits.pingIntervalMs);
  heartbeat.unref();

  return {
    handleUpgrade(request, socket, head) {
      if (closing) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      for (const session of sessions.values()) {
        session.close(CLOSE_CODES.goingAway, 'server shutting down');
      }
      const closed = [...server.clients].map(
        (socket) => new Promise((resolve) => socket.once('close', resolve)),
      );
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_GRACE_MS);
      });
      await Promise.race([Promise.all(closed), grace]);
      clearTimeout(timer);
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
