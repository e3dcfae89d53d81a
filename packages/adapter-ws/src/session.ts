import type { IncomingMessage } from 'node:http';
import {
  assertWithinRateLimit,
  type Commerce,
  CommerceError,
  createContext,
  identifyRequest,
  type Principal,
  type StreamSlot,
  toCommerceError,
} from '@commerce/core';
import WebSocket, { type RawData } from 'ws';
import { CLOSE_CODES, closeCodeFor, closeReason } from './close-codes.js';
import { runCommand } from './commands.js';
import { createCommandQueue, createInvalidAllowance, startDeadlines } from './guards.js';
import type { WsLimits } from './limits.js';
import { createOutbox } from './outbox.js';
import { parseClientFrame } from './protocol.js';
import { createSubscriptions } from './subscriptions.js';
import { wireError, wireWelcome } from './wire.js';

export interface SessionOptions {
  commerce: Commerce;
  limits: WsLimits;
  /** Called for `internal` errors, whose cause the client never sees. */
  onInternalError?: (error: CommerceError, requestId: string) => void;
}

/** What the endpoint keeps of a connection: the heartbeat and the shutdown. */
export interface Session {
  /** Drops the peer if it has not answered the previous ping, else pings it. */
  heartbeat(): void;
  close(code: number, reason: string): void;
}

const BEARER = /^bearer\s+(\S+)\s*$/i;

/**
 * One connection: authenticates (header at once, or the first `auth` message within the
 * deadline), holds a stream slot until it closes, runs commands one at a time in arrival order
 * (so acks come in order) and leaves subscriptions running beside them.
 */
export function startSession(
  socket: WebSocket,
  request: IncomingMessage,
  options: SessionOptions,
): Session {
  const { commerce, limits } = options;
  const traceparent = request.headers.traceparent?.toString();
  const outbox = createOutbox(socket, limits.highWaterBytes);
  let principal: Principal | null = null;
  let slot: StreamSlot | null = null;
  let ended = false;
  // Aborts commands still running when the connection goes away (the caller left).
  const gone = new AbortController();
  let alive = true;
  let lastActive = Date.now();
  const invalid = createInvalidAllowance(limits.maxInvalidPerMinute);
  const enqueue = createCommandQueue(socket);

  const sendError = (error: CommerceError, requestId: string, id?: unknown, sub?: string) => {
    if (error.code === 'internal') options.onInternalError?.(error, requestId);
    void outbox.send({ type: 'error', id, subscription: sub, ...wireError(error, requestId) });
  };
  const subscriptions = createSubscriptions({
    max: limits.maxSubscriptions,
    onFailure: (error, ctx, name) =>
      sendError(toCommerceError(error), ctx.requestId, undefined, name),
    onChange: () => {
      lastActive = Date.now();
    },
  });

  function end(): void {
    if (ended) return;
    ended = true;
    gone.abort();
    deadlines.stop();
    subscriptions.closeAll();
    slot?.release();
  }
  function close(code: number, reason: string): void {
    end();
    // A socket paused by a command backlog must still read the peer's closing handshake.
    socket.resume();
    if (socket.readyState === WebSocket.OPEN) socket.close(code, closeReason(reason));
  }
  const fail = (error: CommerceError, requestId: string, id?: unknown) => {
    sendError(error, requestId, id);
    close(closeCodeFor(error.code), wireError(error, requestId).message);
  };

  const deadlines = startDeadlines(limits, {
    idleSince: () => (principal && subscriptions.size === 0 ? lastActive : null),
    onAuthTimeout: () =>
      close(CLOSE_CODES.timeout, `no auth message within ${limits.authTimeoutMs / 1000} s`),
    onIdle: () => close(CLOSE_CODES.timeout, `idle for ${limits.idleTimeoutMs / 1000} s`),
  });

  async function authenticate(secret: string | undefined, id?: unknown): Promise<void> {
    const ctx = identifyRequest({ traceparent });
    try {
      const who = await commerce.auth.authenticate(secret);
      if (ended) return;
      slot = commerce.streams.open(createContext({ principal: who, traceparent }));
      principal = who;
      deadlines.authenticated();
      await outbox.send({ type: 'welcome', id, ...wireWelcome(who, limits) });
    } catch (error) {
      fail(toCommerceError(error), ctx.requestId, id);
    }
  }

  async function handle(text: string): Promise<void> {
    if (ended) return;
    lastActive = Date.now();
    const parsed = parseClientFrame(text);
    if (!parsed.ok) return rejectFrame(parsed.error, parsed.id);
    const message = parsed.message;
    if (message.type === 'ping') return void outbox.send({ type: 'pong', id: message.id });
    if (message.type === 'auth') {
      if (!principal) return authenticate(message.api_key, message.id);
      const again = new CommerceError('invalid_state', 'this connection is authenticated already');
      return sendError(again, identifyRequest({ traceparent }).requestId, message.id);
    }
    if (!principal) {
      const first = new CommerceError('unauthenticated', 'send an auth message first');
      return sendError(first, identifyRequest({ traceparent }).requestId, message.id);
    }
    const ctx = createContext({ principal, traceparent, signal: gone.signal });
    try {
      assertWithinRateLimit(await commerce.auth.consumeRateLimit(principal));
      await runCommand({ commerce, outbox, subscriptions, limits }, ctx, message);
    } catch (error) {
      sendError(toCommerceError(error), ctx.requestId, message.id);
    }
  }

  /** An `invalid_argument` frame; past the per-minute allowance the connection is closed. */
  function rejectFrame(error: CommerceError, id?: unknown): void {
    const { requestId } = identifyRequest({ traceparent });
    sendError(error, requestId, id);
    if (invalid.exceeded()) {
      close(CLOSE_CODES.policyViolation, 'too many invalid messages');
    }
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (ended) return;
    if (isBinary) {
      const error = new CommerceError('invalid_argument', 'messages must be JSON text frames');
      return rejectFrame(error);
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString() : data.toString();
    enqueue(() => handle(text));
  });
  socket.on('pong', () => {
    alive = true;
  });
  // ws reports protocol errors (e.g. an oversized message) here, then closes with their code.
  socket.on('error', () => {});
  socket.on('close', end);

  const header = request.headers.authorization;
  if (header !== undefined) enqueue(() => authenticate(BEARER.exec(header)?.[1] ?? ''));

  return {
    heartbeat() {
      if (!alive) return void socket.terminate();
      alive = false;
      socket.ping();
    },
    close,
  };
}
