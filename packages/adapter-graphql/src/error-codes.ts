import { type CommerceError, type ErrorCode, toCommerceError } from '@commerce/core';
import { GraphQLError } from 'graphql';

/** The one mapping of core error codes to GraphQL `extensions.code` (see ARCHITECTURE.md). */
export const GRAPHQL_ERROR_CODES: Record<ErrorCode, string> = {
  invalid_argument: 'INVALID_ARGUMENT',
  not_found: 'NOT_FOUND',
  unauthenticated: 'UNAUTHENTICATED',
  permission_denied: 'PERMISSION_DENIED',
  version_mismatch: 'VERSION_MISMATCH',
  locked: 'LOCKED',
  invalid_state: 'INVALID_STATE',
  idempotency_key_reused: 'IDEMPOTENCY_KEY_REUSED',
  idempotency_in_progress: 'IDEMPOTENCY_IN_PROGRESS',
  rate_limited: 'RATE_LIMITED',
  deadline_exceeded: 'DEADLINE_EXCEEDED',
  internal: 'INTERNAL_SERVER_ERROR',
};

const CORE_CODES = new Map(
  Object.entries(GRAPHQL_ERROR_CODES).map(([core, graphql]) => [graphql, core as ErrorCode]),
);

/** The core code behind a GraphQL `extensions.code`, if it is one of the table's. */
export function coreCodeOf(graphqlCode: unknown): ErrorCode | undefined {
  return typeof graphqlCode === 'string' ? CORE_CODES.get(graphqlCode) : undefined;
}

/** Where an error is reported for the request it happened in. */
export interface ErrorSink {
  requestId: string;
  /** Logs an internal error's cause; callers never see it. */
  reportInternal(error: CommerceError): void;
}

/**
 * Turns anything a resolver throws into a GraphQL error with the stable code, the request id
 * and the core's details (field violations, retry hints). Internal errors keep only a generic
 * message; their cause goes to the log.
 */
export function toGraphqlError(error: unknown, sink: ErrorSink): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const e = toCommerceError(error);
  if (e.code === 'internal') sink.reportInternal(e);
  const message = e.code === 'internal' ? 'internal error' : e.message;
  return new GraphQLError(message, {
    extensions: { code: GRAPHQL_ERROR_CODES[e.code], requestId: sink.requestId, ...e.details },
  });
}
