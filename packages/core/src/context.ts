import { CommerceError } from './errors.js';
import { randomHexPooled } from './random-pool.js';

/** Who is calling. Admins see everything; a customer sees only its own resources. */
export type Principal =
  | { readonly id: string; readonly role: 'admin'; readonly customerId: null }
  | { readonly id: string; readonly role: 'customer'; readonly customerId: string };

/** W3C trace context (https://www.w3.org/TR/trace-context/), as carried by `traceparent`. */
export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly sampled: boolean;
}

/** Passed to every operation: who, which request, which trace, and until when. */
export interface OperationContext {
  readonly principal: Principal;
  readonly requestId: string;
  readonly trace: TraceContext;
  /** Aborts when the caller's deadline passes or the caller goes away. */
  readonly signal: AbortSignal;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Parses a `traceparent` header; returns undefined for anything malformed or all-zero. */
export function parseTraceparent(header: string | undefined | null): TraceContext | undefined {
  const match = header ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, traceId = '', spanId = '', flags = '00'] = match;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.sampled ? '01' : '00'}`;
}

export interface ContextInput {
  principal: Principal;
  requestId?: string | null;
  traceparent?: string | null;
  signal?: AbortSignal;
  /** Relative deadline; combined with `signal` when both are given. */
  timeoutMs?: number;
}

/** Which request and which trace a call belongs to, known before the caller is authenticated. */
export interface RequestIdentity {
  requestId: string;
  trace: TraceContext;
}

/**
 * A caller's request id is kept when it is well formed, otherwise one is generated; a valid
 * `traceparent` continues the caller's trace with a new span, otherwise a new trace starts.
 */
export function identifyRequest(input: {
  requestId?: string | null | undefined;
  traceparent?: string | null | undefined;
}): RequestIdentity {
  const parent = parseTraceparent(input.traceparent);
  const keepRequestId = input.requestId ? REQUEST_ID.test(input.requestId) : false;
  // One call to the CSPRNG for the ids this request lacks: this runs on every request of every
  // protocol, usually twice (the server's span, then the operation's).
  const random = randomHexPooled(8 + (parent ? 0 : 16) + (keepRequestId ? 0 : 12));
  const trace: TraceContext = {
    traceId: parent?.traceId ?? random.slice(16, 48),
    spanId: random.slice(0, 16),
    sampled: parent?.sampled ?? true,
  };
  const requestId =
    keepRequestId && input.requestId ? input.requestId : `req_${random.slice(parent ? 16 : 48)}`;
  return { requestId, trace };
}

/** Builds an OperationContext: the caller's identity (see `identifyRequest`) and deadline. */
export function createContext(input: ContextInput): OperationContext {
  const { requestId, trace } = identifyRequest(input);
  const signal = deadlineSignal(input.signal, input.timeoutMs);
  return { principal: input.principal, requestId, trace, signal };
}

/**
 * The signal of an operation without a deadline or a caller that can go away: it never aborts,
 * so it is shared instead of built per call (an AbortController costs several µs on Node 20,
 * on every request). Listeners added to it could never run; it drops them rather than keeping
 * every one ever added alive.
 */
const NEVER_ABORTED: AbortSignal = (() => {
  const signal = new AbortController().signal;
  Object.defineProperties(signal, {
    addEventListener: { value: () => undefined },
    removeEventListener: { value: () => undefined },
    onabort: { get: () => null, set: () => undefined },
  });
  return signal;
})();

/**
 * Aborts when `parent` does or `timeoutMs` passes. Built on a controller that the listener and
 * the timer reference strongly: `AbortSignal.any` holds its sources weakly, and a deadline whose
 * only reference was such a source was seen not to fire.
 */
function deadlineSignal(
  parent: AbortSignal | undefined,
  timeoutMs: number | undefined,
): AbortSignal {
  if (timeoutMs === undefined) return parent ?? NEVER_ABORTED;
  const controller = new AbortController();
  if (parent?.aborted) {
    controller.abort(parent.reason);
    return controller.signal;
  }
  parent?.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  const timer = setTimeout(
    () => controller.abort(new DOMException('the deadline passed', 'TimeoutError')),
    timeoutMs,
  );
  timer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return controller.signal;
}

/** Throws `deadline_exceeded` when the operation's signal has fired. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new CommerceError(
      'deadline_exceeded',
      'deadline exceeded or request cancelled',
      {},
      {
        cause: signal.reason,
      },
    );
  }
}

/** Resolves after `ms`, or rejects with `deadline_exceeded` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CommerceError('deadline_exceeded', 'deadline exceeded or request cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CommerceError('deadline_exceeded', 'deadline exceeded or request cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
