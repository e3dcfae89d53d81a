import type { CommerceError, Principal } from '@commerce/core';
import type { WsLimits } from './limits.js';

export {
  eventJson as wireEvent,
  paymentJson as wirePayment,
  paymentProgressJson as wireProgress,
} from '@commerce/core';

/** The body of the `welcome` frame: who the key is, and the limits the client must respect. */
export const wireWelcome = (principal: Principal, limits: WsLimits) => ({
  principal: { role: principal.role, customer_id: principal.customerId },
  limits: {
    max_message_bytes: limits.maxMessageBytes,
    max_subscriptions: limits.maxSubscriptions,
    ping_interval_seconds: limits.pingIntervalMs / 1000,
    idle_timeout_seconds: limits.idleTimeoutMs / 1000,
  },
});

/**
 * The body of an `error` frame: the core's stable code, its message (generic for `internal`,
 * whose cause stays in the logs) and the details a client can act on.
 */
export function wireError(error: CommerceError, requestId: string) {
  const { fieldViolations, retryAfterMs, currentState, currentVersion, lockedUntil } =
    error.details;
  return {
    code: error.code,
    message: error.code === 'internal' ? 'internal error' : error.message,
    request_id: requestId,
    ...(fieldViolations && { field_violations: fieldViolations }),
    ...(retryAfterMs !== undefined && { retry_after_ms: retryAfterMs }),
    ...(currentState !== undefined && { current_state: currentState }),
    ...(currentVersion !== undefined && { current_version: currentVersion }),
    ...(lockedUntil !== undefined && { locked_until: lockedUntil }),
  };
}
