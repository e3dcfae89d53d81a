import type { OperationContext } from '../context.js';
import { CommerceError } from '../errors.js';
import type { Repositories } from '../ports/store.js';
import { parseInput, schemas } from '../validation.js';
import { fingerprint } from './canonical-json.js';
import { type CoreDeps, commit } from './deps.js';

/** A write's result, and whether it was replayed from an earlier call with the same key. */
export interface WriteResult<T> {
  value: T;
  replayed: boolean;
}

/**
 * Runs a create-like write at most once per (principal, idempotency key).
 *
 * The claim is stored first (atomically); the write and the completion of the claim then commit
 * in one transaction, so a stored result always matches a committed change. A failed write
 * releases the claim so the client can retry with the same key.
 */
export async function runIdempotent<T>(
  deps: CoreDeps,
  ctx: OperationContext,
  operation: string,
  idempotencyKey: string | undefined,
  request: unknown,
  work: (tx: Repositories) => Promise<T>,
): Promise<WriteResult<T>> {
  if (idempotencyKey === undefined) return { value: await commit(deps, work), replayed: false };
  const key = parseInput(schemas.idempotencyKey, idempotencyKey, 'idempotencyKey');
  const principalId = ctx.principal.id;
  const now = deps.clock.now();
  const requestHash = fingerprint(operation, request);
  const { ttlMs, inProgressTimeoutMs } = deps.settings.idempotency;
  const existing = await deps.store.idempotency.acquire(
    {
      principalId,
      key,
      operation,
      requestHash,
      status: 'in_progress',
      response: null,
      createdAt: now,
      expiresAt: now + ttlMs,
      lockedUntil: now + inProgressTimeoutMs,
    },
    now,
  );
  if (existing) {
    if (existing.requestHash !== requestHash) {
      throw new CommerceError(
        'idempotency_key_reused',
        'this idempotency key was already used with a different request',
      );
    }
    if (existing.status === 'in_progress') {
      throw new CommerceError(
        'idempotency_in_progress',
        'a request with this idempotency key is still in progress',
        {
          retryAfterMs: 1_000,
        },
      );
    }
    return { value: existing.response as T, replayed: true };
  }
  try {
    const value = await commit(deps, async (tx) => {
      const result = await work(tx);
      await tx.idempotency.complete(principalId, key, result);
      return result;
    });
    return { value, replayed: false };
  } catch (error) {
    await deps.store.idempotency.release(principalId, key);
    throw error;
  }
}
