import { formatTraceparent, identifyRequest } from '@commerce/core';
import type { Context } from 'hono';
import type { RestEnv } from '../env.js';

export interface RequestIds {
  requestId: string;
  traceparent: string;
  traceId: string;
}

/**
 * The request id and trace of this request. Mounted on the server, they come from its
 * context variables so the adapter's responses and the server's log line agree; used alone,
 * they are resolved from `X-Request-Id` / `traceparent` with the core's rules.
 */
export function requestIds(c: Context<RestEnv>): RequestIds {
  const cached = c.get('restIds');
  if (cached) return cached;
  const fromServer = c.get('traceparent');
  const serverTraceId = c.get('traceId');
  const serverRequestId = c.get('requestId');
  let ids: RequestIds;
  // The server formatted these itself (apps/server requestLogging): no need to parse them again.
  if (serverRequestId && fromServer && serverTraceId) {
    ids = { requestId: serverRequestId, traceparent: fromServer, traceId: serverTraceId };
  } else {
    const identity = identifyRequest({
      requestId: c.req.header('x-request-id'),
      traceparent: c.req.header('traceparent'),
    });
    ids = {
      requestId: identity.requestId,
      traceparent: formatTraceparent(identity.trace),
      traceId: identity.trace.traceId,
    };
  }
  c.set('restIds', ids);
  return ids;
}
