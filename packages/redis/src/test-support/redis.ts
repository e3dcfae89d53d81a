import type { Redis } from 'ioredis';
import { openRedis } from '../connect.js';
import { deleteKeysWithPrefix } from '../delete-keys.js';

// The tests run only against a real server (REDIS_URL=redis://127.0.0.1:6379). Every test uses
// keys and channels under a prefix of its own, deleted by `dropPrefix` afterwards.

/** The server the tests use, if any. */
export const url = process.env.REDIS_URL;

/** A describe title that says why the suite is skipped when REDIS_URL is unset. */
export const suiteTitle = (name: string): string =>
  url ? name : `${name} (skipped: set REDIS_URL=redis://host:6379 to run)`;

const runPrefix = `commerce-test:${process.pid}:${Date.now().toString(36)}:`;
let made = 0;

/** A key prefix (and channel stem) no other test or run uses. */
export const freshPrefix = (): string => `${runPrefix}${++made}:`;

/** A connected client on the test server. */
export function testClient(connectionName?: string): Promise<Redis> {
  if (!url) throw new Error('REDIS_URL is not set');
  return openRedis({ url, ...(connectionName ? { connectionName } : {}) });
}

/** Deletes every key of this run. */
export async function dropRunKeys(client: Redis): Promise<void> {
  await deleteKeysWithPrefix(client, runPrefix);
}
