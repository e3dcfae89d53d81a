import {
  assertWithinRateLimit,
  type Commerce,
  type CommerceError,
  identifyRequest,
  type OperationContext,
  type Principal,
} from '@commerce/core';
import type { ErrorSink } from './error-codes.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What every resolver gets: the caller's core context (lazily), per-request loaders, errors. */
export interface GraphqlContext {
  /**
   * Authenticates the caller and spends one rate-limit token, once per operation. Lazy, so
   * that `__typename` and introspection need no key (GraphQL-over-HTTP clients probe with them).
   */
  operation(): Promise<OperationContext>;
  loaders: Loaders;
  sink: ErrorSink;
}

export interface RequestContextInput {
  commerce: Commerce;
  /** `Bearer <key>` (HTTP header or graphql-ws `connection_init` payload). */
  authorization?: string | null | undefined;
  /** Set when the connection authenticated already (graphql-ws `onConnect`). */
  principal?: Principal | undefined;
  requestId?: string | null | undefined;
  traceparent?: string | null | undefined;
  signal: AbortSignal;
  onInternalError: (error: CommerceError, requestId: string) => void;
}

const BEARER = /^bearer\s+(\S+)\s*$/i;

/** The API key of an `Authorization: Bearer <key>` value; undefined when absent or malformed. */
export function bearerKey(authorization: unknown): string | undefined {
  return typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
}

/** Builds the context of one GraphQL operation. */
export function createRequestContext(input: RequestContextInput): GraphqlContext {
  const { commerce, signal } = input;
  const { requestId, trace } = identifyRequest(input);
  let pending: Promise<OperationContext> | undefined;
  const operation = () => {
    pending ??= (async () => {
      const principal =
        input.principal ?? (await commerce.auth.authenticate(bearerKey(input.authorization)));
      assertWithinRateLimit(await commerce.auth.consumeRateLimit(principal));
      return { principal, requestId, trace, signal };
    })();
    return pending;
  };
  return {
    operation,
    loaders: createLoaders(commerce, operation),
    sink: {
      requestId,
      reportInternal: (error) => input.onInternalError(error, requestId),
    },
  };
}
