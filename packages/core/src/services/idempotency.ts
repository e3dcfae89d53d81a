import type { OperationContext } from '../context.js';
import { CommerceError } from '../errors.js';
import type { IdempotencyRecord, Repositories } from '../ports/store.js';
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
 * The claim, the write and the completion of the claim commit in one transaction, so a stored
 * result always matches a committed change, and a failed write leaves no claim behind (the
 * rollback drops it) so the client can retry with the same key. A concurrent duplicate waits
 * for that transaction (the store serializes writers, or blocks on the claimed row) and then
 * replays its result. One write transaction per call, not two: claiming in a transaction of its
 * own first cost the REST API a third of a create's throughput.
 *
 * A call whose key is still running in this process answers `idempotency_in_progress` at
 * once, without queueing for the store (calls in flight are kept per core, with their request
 * hash, so a different request with that key is `idempotency_key_reused` as before). A live
 * in-progress record (claimed outside the write's transaction, e.g. by an older version of this
 * code during a rolling deploy) answers the same. Another process's concurrent duplicate waits
 * for the first one's commit and replays it.
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
  const requestHash = fingerprint(operation, request);
  const { ttlMs, inProgressTimeoutMs } = deps.settings.idempotency;
  const running = runningCalls(deps);
  const id = `${principalId}\u0000${key}`;
  const runningHash = running.get(id);
  if (runningHash !== undefined) {
    return replay<T>(
      { requestHash: runningHash, status: 'in_progress', response: null },
      requestHash,
    );
  }
  running.set(id, requestHash);
  try {
    return await commit(deps, async (tx) => {
      const now = deps.clock.now();
      const existing = await tx.idempotency.acquire(
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
      if (existing) return replay<T>(existing, requestHash);
      const value = await work(tx);
      await tx.idempotency.complete(principalId, key, value);
      return { value, replayed: false };
    });
  } finally {
    running.delete(id);
  }
}

/** Per core: (principal, key) of the idempotent calls running now → their request hash. */
const runningByCore = new WeakMap<CoreDeps, Map<string, string>>();

function runningCalls(deps: CoreDeps): Map<string, string> {
  let calls = runningByCore.get(deps);
  if (!calls) {
    calls = new Map();
    runningByCore.set(deps, calls);
  }
  return calls;
}

/** The answer to a call whose key is already live: its result, or why there is none. */
function replay<T>(
  existing: Pick<IdempotencyRecord, 'requestHash' | 'status' | 'response'>,
  requestHash: string,
): WriteResult<T> {
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
