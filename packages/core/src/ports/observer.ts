import type { ErrorCode } from '../errors.js';

export type Protocol = 'rest' | 'grpc' | 'graphql' | 'soap' | 'core';

export interface RequestSample {
  protocol: Protocol;
  operation: string;
  outcome: ErrorCode | 'ok';
  durationMs: number;
}

/** Where adapters report each request (the server backs it with Prometheus metrics). */
export interface RequestObserver {
  observe(sample: RequestSample): void;
}

export const noopObserver: RequestObserver = { observe: () => {} };
