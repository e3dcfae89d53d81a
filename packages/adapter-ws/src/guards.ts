import type WebSocket from 'ws';
import type { WsLimits } from './limits.js';

/** Commands queued behind a slow one before the socket stops being read. */
const MAX_QUEUED = 8;

/**
 * Runs a connection's commands one at a time, in arrival order (so acks come in order). A
 * backlog pauses reading the socket instead of growing: a flooding client waits on TCP.
 */
export function createCommandQueue(socket: WebSocket) {
  let tail = Promise.resolve();
  let queued = 0;
  return (work: () => Promise<void>): void => {
    queued += 1;
    if (queued >= MAX_QUEUED) socket.pause();
    tail = tail.then(work).finally(() => {
      queued -= 1;
      if (queued < MAX_QUEUED) socket.resume();
    });
  };
}

/** Counts invalid messages; `exceeded()` once a minute holds more than the allowance. */
export function createInvalidAllowance(perMinute: number) {
  let window = { count: 0, since: Date.now() };
  return {
    /** Records one invalid message; true when the connection should be closed for it. */
    exceeded(): boolean {
      const now = Date.now();
      if (now - window.since > 60_000) window = { count: 0, since: now };
      window.count += 1;
      return window.count > perMinute;
    },
  };
}

export interface DeadlineHooks {
  /** Whether the connection counts as idle now (authenticated, no subscriptions). */
  idleSince(): number | null;
  onAuthTimeout(): void;
  onIdle(): void;
}

/**
 * The auth deadline and the idle timeout of a connection. The idle check runs at a fraction of
 * the timeout: one timer per connection, however chatty it is.
 */
export function startDeadlines(limits: WsLimits, hooks: DeadlineHooks) {
  const auth = setTimeout(hooks.onAuthTimeout, limits.authTimeoutMs);
  const idle = setInterval(
    () => {
      const since = hooks.idleSince();
      if (since !== null && Date.now() - since >= limits.idleTimeoutMs) hooks.onIdle();
    },
    Math.max(50, Math.min(limits.idleTimeoutMs / 4, 10_000)),
  );
  return {
    authenticated: () => clearTimeout(auth),
    stop() {
      clearTimeout(auth);
      clearInterval(idle);
    },
  };
}
