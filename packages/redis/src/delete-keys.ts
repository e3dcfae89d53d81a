import type { Redis } from 'ioredis';

/**
 * Deletes every key that starts with `prefix` (a `REDIS_KEY_PREFIX`, say), scanning in batches
 * rather than with `KEYS` so the server is never blocked; returns how many it deleted. For
 * tearing down a test or benchmark deployment; keys written meanwhile may survive.
 */
export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) deleted += await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
