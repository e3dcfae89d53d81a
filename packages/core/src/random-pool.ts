import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * Cryptographically random bytes from a pool refilled 4 KiB at a time. Ids are made on every
 * request of every protocol; one CSPRNG call per request cost a third of a bare request's
 * throughput, one per 4 KiB costs nothing measurable.
 */
export function randomBytesPooled(size: number): Buffer {
  if (size > POOL_SIZE) throw new RangeError(`at most ${POOL_SIZE} pooled bytes at once`);
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  // A copy, so a later refill never changes bytes already handed out.
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}

/** `size` pooled random bytes as lowercase hex, without copying them into a Buffer first. */
export function randomHexPooled(size: number): string {
  if (size > POOL_SIZE) throw new RangeError(`at most ${POOL_SIZE} pooled bytes at once`);
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + size);
  offset += size;
  return hex;
}
