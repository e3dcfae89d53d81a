import type { RateLimitPolicy } from './ports/rate-limiter.js';

/** Tunables of the core; every field has a production default (see `defaultSettings`). */
export interface CommerceSettings {
  idempotency: {
    /** How long a completed record replays (24 h). */
    ttlMs: number;
    /** An in-progress claim older than this is treated as abandoned (its holder crashed). */
    inProgressTimeoutMs: number;
  };
  locks: { defaultTtlSeconds: number; maxTtlSeconds: number };
  pagination: { defaultLimit: number; maxLimit: number };
  payments: {
    /** How long `pm_card_slow` takes. */
    slowSeconds: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
  };
  jobs: { leaseMs: number; pollMs: number };
  events: {
    /** Live readers re-check the log this often even without a notification (other processes). */
    pollMs: number;
    batchSize: number;
    /**
     * Live events queued for one subscriber that has not taken them yet. A subscriber that
     * falls further behind is let go by the live tail and reads the store from its cursor.
     */
    queueSize: number;
    /** Most recent events the live tail keeps, so joining subscribers catch up from memory. */
    tailBuffer: number;
  };
  /** Long-lived streams (SSE, WebSocket, subscriptions, watch streams) on one instance. */
  streams: {
    maxPerKey: number;
    maxTotal: number;
    /** The `retryAfterMs` a refused stream is told. */
    retryAfterMs: number;
  };
  rateLimits: { admin: RateLimitPolicy; customer: RateLimitPolicy };
  webhooks: {
    /** How long one delivery attempt may take before it counts as failed. */
    timeoutMs: number;
    /** Attempts of one delivery before it is given up (then it can be redelivered by hand). */
    maxAttempts: number;
    /** Exponential backoff with jitter between attempts: first delay, and the cap. */
    retryBaseMs: number;
    retryMaxMs: number;
    /** An endpoint is disabled after this many failed attempts in a row. */
    disableAfterFailures: number;
    /** Longest a rotated-out secret may keep signing. */
    maxOverlapSeconds: number;
  };
  auth: {
    /**
     * How long a resolved API key is remembered in process, saving a store read per request.
     * A key removed from the store keeps working here for at most this long.
     */
    keyCacheMs: number;
  };
}

export const defaultSettings: CommerceSettings = {
  idempotency: { ttlMs: 24 * 60 * 60 * 1000, inProgressTimeoutMs: 60_000 },
  locks: { defaultTtlSeconds: 60, maxTtlSeconds: 600 },
  pagination: { defaultLimit: 20, maxLimit: 100 },
  payments: { slowSeconds: 5, maxAttempts: 5, retryBaseMs: 500, retryMaxMs: 30_000 },
  jobs: { leaseMs: 30_000, pollMs: 500 },
  events: { pollMs: 1_000, batchSize: 100, queueSize: 128, tailBuffer: 1_024 },
  streams: { maxPerKey: 100, maxTotal: 10_000, retryAfterMs: 5_000 },
  rateLimits: {
    admin: { capacity: 1_000, refillPerSecond: 100 },
    customer: { capacity: 100, refillPerSecond: 10 },
  },
  webhooks: {
    timeoutMs: 10_000,
    maxAttempts: 8,
    retryBaseMs: 10_000,
    retryMaxMs: 3_600_000,
    disableAfterFailures: 20,
    maxOverlapSeconds: 7 * 24 * 3600,
  },
  auth: { keyCacheMs: 5_000 },
};

export type SettingsOverrides = { [K in keyof CommerceSettings]?: Partial<CommerceSettings[K]> };

export function resolveSettings(overrides: SettingsOverrides = {}): CommerceSettings {
  const merged = { ...defaultSettings } as Record<string, unknown>;
  for (const [section, values] of Object.entries(overrides)) {
    merged[section] = {
      ...(defaultSettings as unknown as Record<string, object>)[section],
      ...values,
    };
  }
  return merged as unknown as CommerceSettings;
}
