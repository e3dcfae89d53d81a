import { hash } from 'node:crypto';
import type { Principal } from '../context.js';
import type { ApiKeyRecord, Role } from '../domain/api-key.js';
import { CommerceError } from '../errors.js';
import { newId } from '../ids.js';
import type { RateLimitDecision } from '../ports/rate-limiter.js';
import type { CoreDeps } from './deps.js';

/**
 * SHA-256 of a key, in hex. `crypto.hash` (Node >= 20.12, as `engines` requires) is the one-shot form: no Hash object
 * per call, about a quarter of the CPU of `createHash().update().digest()` for a short key, and
 * it runs on every authenticated request of every protocol.
 */
export const hashApiKey = (secret: string): string => hash('sha256', secret, 'hex');

const FINGERPRINT = /^[0-9a-f]{16}$/;
const MAX_CACHED_KEYS = 10_000;

/**
 * A key's public identifier: the first 16 hex digits of its SHA-256. For protocols whose
 * credentials name the key apart from a proof of holding it (WS-Security PasswordDigest).
 */
export const apiKeyFingerprint = (secret: string): string => hashApiKey(secret).slice(0, 16);

export interface ApiKeySeed {
  name: string;
  secret: string;
  role: Role;
  customerId: string | null;
}

export function createAuthService(deps: CoreDeps) {
  const { store, rateLimiter, settings, clock } = deps;
  // Keyed by the key's hash, never the secret; only keys that exist are remembered, so
  // unknown keys cannot grow it. Bounded: the oldest entry goes first.
  const known = new Map<string, { principal: Principal; until: number }>();
  return {
    /** Resolves an API key to its principal, or throws `unauthenticated`. */
    async authenticate(secret: string | undefined | null): Promise<Principal> {
      if (!secret) throw new CommerceError('unauthenticated', 'an API key is required');
      if (secret.length > 256)
        throw new CommerceError('unauthenticated', 'the API key is not valid');
      const keyHash = hashApiKey(secret);
      const now = clock.now();
      const cached = known.get(keyHash);
      if (cached && cached.until > now) return cached.principal;
      const record = await store.apiKeys.findByHash(keyHash);
      if (!record) throw new CommerceError('unauthenticated', 'the API key is not valid');
      const principal = toPrincipal(record);
      if (settings.auth.keyCacheMs > 0) {
        known.delete(keyHash);
        known.set(keyHash, { principal, until: now + settings.auth.keyCacheMs });
        if (known.size > MAX_CACHED_KEYS) known.delete(known.keys().next().value ?? '');
      }
      return principal;
    },

    /**
     * Resolves the key named by `fingerprint` for which `proves(keyHash)` holds, or throws
     * `unauthenticated`. The caller checks a proof computed over the stored hash (e.g. a digest)
     * because the plaintext key is never stored.
     */
    async authenticateByProof(
      fingerprint: string,
      proves: (keyHash: string) => boolean,
    ): Promise<Principal> {
      const candidates = FINGERPRINT.test(fingerprint)
        ? await store.apiKeys.findByHashPrefix(fingerprint)
        : [];
      const record = candidates.find((candidate) => proves(candidate.keyHash));
      if (!record) throw new CommerceError('unauthenticated', 'the API key is not valid');
      return toPrincipal(record);
    },

    /** Stores keys (hashed) unless present: the embedded mode's demo keys. */
    async seed(keys: readonly ApiKeySeed[]): Promise<void> {
      for (const key of keys) {
        await store.apiKeys.upsert({
          id: newId('key', clock.now()),
          name: key.name,
          keyHash: hashApiKey(key.secret),
          role: key.role,
          customerId: key.customerId,
          createdAt: new Date(clock.now()).toISOString(),
        });
      }
    },

    /** Spends `cost` tokens of the principal's bucket, shared by every protocol. */
    consumeRateLimit(principal: Principal, cost = 1): Promise<RateLimitDecision> {
      return rateLimiter.consume(principal.id, cost, settings.rateLimits[principal.role]);
    },

    /** The bucket's state without spending (e.g. for a 304 that must not cost quota). */
    peekRateLimit(principal: Principal): Promise<RateLimitDecision> {
      return rateLimiter.peek(principal.id, settings.rateLimits[principal.role]);
    },
  };
}

function toPrincipal(record: ApiKeyRecord): Principal {
  if (record.role === 'admin') return { id: record.id, role: 'admin', customerId: null };
  if (!record.customerId) throw new CommerceError('internal', 'customer key without a customer');
  return { id: record.id, role: 'customer', customerId: record.customerId };
}

/** Throws `rate_limited` for a refused decision. */
export function assertWithinRateLimit(decision: RateLimitDecision): void {
  if (decision.allowed) return;
  throw new CommerceError('rate_limited', 'rate limit exceeded for this API key', {
    retryAfterMs: decision.retryAfterSeconds * 1000,
  });
}

export type AuthService = ReturnType<typeof createAuthService>;
