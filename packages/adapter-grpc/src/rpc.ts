import {
  type Commerce,
  CommerceError,
  type ErrorCode,
  type OperationContext,
  type RequestObserver,
  toCommerceError,
} from '@commerce/core';
import {
  Metadata,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type StatusObject,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { MalformedMessage } from './bridge.js';
import {
  type AbortCause,
  type CallScope,
  openCallScope,
  type ServerSurfaceCall,
} from './call-scope.js';
import { readMessages, writeMessage } from './flow-control.js';
import { REQUEST_ID_KEY, toStatus } from './rich-status.js';

/** One ended call, for an access log. */
export interface GrpcCallRecord {
  requestId: string;
  traceId: string;
  /** The method name (`GetOrder`), as the observer's operation label. */
  operation: string;
  /** The gRPC status code the call ended with. */
  code: status;
  /** 'ok', or the core's code of the failure. */
  outcome: ErrorCode | 'ok';
  /** When the call started (a `performance.now()`). */
  started: number;
}

/** What every handler needs: the core, where to report requests, and the shutdown signal. */
export interface RpcEnv {
  commerce: Commerce;
  observer: RequestObserver;
  /** Fires when the server starts shutting down: open streams end with UNAVAILABLE. */
  shutdownSignal: AbortSignal;
  /** Told about every `internal` failure with its cause, which callers never see. */
  onInternalError?: (error: unknown, requestId: string) => void;
  /** Told once each call has ended. */
  onCallEnded?: (call: GrpcCallRecord) => void;
}

/** A unary answer; `replayed` marks an idempotent replay (`idempotent-replayed: true`). */
export interface Reply<T> {
  message: T;
  replayed?: boolean;
}

/** Core field names that differ from the request's protobuf field, for BadRequest paths. */
export type FieldRenames = Readonly<Record<string, string>>;

const ABORT_STATUS: Record<AbortCause, status> = {
  deadline: status.DEADLINE_EXCEEDED,
  cancelled: status.CANCELLED,
  shutdown: status.UNAVAILABLE,
};

/** Throws `invalid_argument` for a message whose bytes did not decode. */
export function assertDecoded<T>(message: T | MalformedMessage): T {
  if (message instanceof MalformedMessage) {
    throw new CommerceError('invalid_argument', `malformed request message: ${message.reason}`);
  }
  return message;
}

function trailersFor(scope: CallScope, replayed = false): Metadata {
  const trailers = new Metadata();
  trailers.set(REQUEST_ID_KEY, scope.identity.requestId);
  if (replayed) trailers.set('idempotent-replayed', 'true');
  return trailers;
}

/** The final status for a failure; once the call's signal fired, its cause decides the code. */
function failureStatus(
  scope: CallScope,
  error: unknown,
  renames: FieldRenames,
): { status: StatusObject; outcome: ErrorCode } {
  const cause = scope.abortCause();
  const failure =
    cause === null
      ? toCommerceError(error)
      : new CommerceError('deadline_exceeded', `the call ended: ${cause}`);
  const request = { requestId: scope.identity.requestId, traceId: scope.identity.trace.traceId };
  const result = toStatus(failure, request, renames);
  if (cause !== null) result.code = ABORT_STATUS[cause];
  return { status: result, outcome: failure.code };
}

/** Runs a handler body in a call scope and reports the outcome to the observer exactly once. */
function runCall(
  env: RpcEnv,
  operation: string,
  call: ServerSurfaceCall,
  renames: FieldRenames,
  body: (scope: CallScope) => Promise<Metadata>,
  settle: (result: { error: StatusObject } | { trailers: Metadata }) => void,
): void {
  const started = performance.now();
  const scope = openCallScope(env.commerce, call, env.shutdownSignal);
  const report = (outcome: ErrorCode | 'ok', code: status) => {
    scope.dispose();
    env.observer.observe({
      protocol: 'grpc',
      operation,
      outcome,
      durationMs: performance.now() - started,
    });
    const { requestId, trace } = scope.identity;
    env.onCallEnded?.({ requestId, traceId: trace.traceId, operation, code, outcome, started });
  };
  body(scope).then(
    (trailers) => {
      const cause = scope.abortCause();
      if (cause !== null) {
        const failed = failureStatus(scope, undefined, renames);
        report(failed.outcome, failed.status.code);
        settle({ error: failed.status });
        return;
      }
      report('ok', status.OK);
      settle({ trailers });
    },
    (error: unknown) => {
      const failed = failureStatus(scope, error, renames);
      if (failed.outcome === 'internal') env.onInternalError?.(error, scope.identity.requestId);
      report(failed.outcome, failed.status.code);
      settle({ error: failed.status });
    },
  );
}

/** A unary handler: authorize, run `work`, answer with the request id in the trailers. */
export function unary<Req, Res>(
  env: RpcEnv,
  operation: string,
  work: (
    ctx: OperationContext,
    request: Req,
    call: ServerUnaryCall<unknown, Res>,
  ) => Promise<Reply<Res>>,
  renames: FieldRenames = {},
) {
  return (
    call: ServerUnaryCall<Req | MalformedMessage, Res>,
    callback: sendUnaryData<Res>,
  ): void => {
    let message: Res | undefined;
    runCall(
      env,
      operation,
      call,
      renames,
      async (scope) => {
        const ctx = await scope.authorize();
        const reply = await work(ctx, assertDecoded(call.request), call);
        message = reply.message;
        return trailersFor(scope, reply.replayed);
      },
      (result) =>
        'error' in result ? callback(result.error) : callback(null, message, result.trailers),
    );
  };
}

/**
 * A server-streaming handler: `send` writes one message with flow control (it resolves only
 * when the client has room), so `work` pulls from the core no faster than the client reads.
 */
export function serverStream<Req, Res>(
  env: RpcEnv,
  operation: string,
  work: (
    ctx: OperationContext,
    request: Req,
    send: (message: Res) => Promise<void>,
  ) => Promise<void>,
  renames: FieldRenames = {},
) {
  return (call: ServerWritableStream<Req | MalformedMessage, Res>): void => {
    runCall(
      env,
      operation,
      call,
      renames,
      async (scope) => {
        const ctx = await scope.authorize();
        const request = assertDecoded(call.request);
        call.sendMetadata(trailersFor(scope));
        await work(ctx, request, (message) => writeMessage(call, message, scope.signal));
        return trailersFor(scope);
      },
      (result) =>
        'error' in result ? call.emit('error', result.error) : call.end(result.trailers),
    );
  };
}

/** A client-streaming handler: `work` consumes the request messages and answers once. */
export function clientStream<Req, Res>(
  env: RpcEnv,
  operation: string,
  work: (
    ctx: OperationContext,
    messages: AsyncIterable<Req | MalformedMessage>,
  ) => Promise<Reply<Res>>,
  renames: FieldRenames = {},
) {
  return (
    call: ServerReadableStream<Req | MalformedMessage, Res>,
    callback: sendUnaryData<Res>,
  ): void => {
    let message: Res | undefined;
    runCall(
      env,
      operation,
      call,
      renames,
      async (scope) => {
        const ctx = await scope.authorize();
        const reply = await work(ctx, readMessages(call, scope.signal));
        message = reply.message;
        return trailersFor(scope, reply.replayed);
      },
      (result) =>
        'error' in result ? callback(result.error) : callback(null, message, result.trailers),
    );
  };
}

/** What a bidirectional handler works with. */
export interface Duplex<Req, Res> {
  ctx: OperationContext;
  /** The client's messages as they arrive, until it half-closes (or the call ends). */
  messages: AsyncIterable<Req | MalformedMessage>;
  /** Writes one message with flow control (see `serverStream`). */
  send(message: Res): Promise<void>;
  /** The idempotency key of the call, if the client sent one. */
  metadata: Metadata;
}

/** A bidirectional handler: `work` reads commands and writes updates until it resolves. */
export function bidiStream<Req, Res>(
  env: RpcEnv,
  operation: string,
  work: (duplex: Duplex<Req, Res>) => Promise<void>,
  renames: FieldRenames = {},
) {
  return (call: ServerDuplexStream<Req | MalformedMessage, Res>): void => {
    runCall(
      env,
      operation,
      call,
      renames,
      async (scope) => {
        const ctx = await scope.authorize();
        call.sendMetadata(trailersFor(scope));
        await work({
          ctx,
          messages: readMessages(call, scope.signal),
          send: (message) => writeMessage(call, message, scope.signal),
          metadata: call.metadata,
        });
        return trailersFor(scope);
      },
      (result) =>
        'error' in result ? call.emit('error', result.error) : call.end(result.trailers),
    );
  };
}
