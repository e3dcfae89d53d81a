import { deleteKeysWithPrefix } from '@commerce/redis';
import { dropSchema } from '@commerce/store-postgres';
import { Redis } from 'ioredis';

// The scale-out tests run only against real services (CI sets both variables). Each test file
// works in a PostgreSQL schema and under a Redis key prefix of its own, removed afterwards.

export const databaseUrl = process.env.DATABASE_URL;
export const redisUrl = process.env.REDIS_URL;
export const servicesAvailable = Boolean(databaseUrl && redisUrl);

/** A describe title that says why the suite is skipped when a service URL is missing. */
export const suiteTitle = (name: string): string =>
  servicesAvailable
    ? name
    : `${name} (skipped: set DATABASE_URL=postgres://… and REDIS_URL=redis://… to run)`;

const run = `${process.pid}_${Date.now().toString(36)}`;
let made = 0;

/** Where one group of instances keeps its state: a fresh schema and key prefix. */
export interface Isolation {
  schema: string;
  keyPrefix: string;
  /** Drops the schema and deletes the keys. */
  drop(): Promise<void>;
}

export function isolate(): Isolation {
  const n = ++made;
  const schema = `commerce_scaleout_${run}_${n}`;
  const keyPrefix = `commerce-scaleout:${run}:${n}:`;
  return {
    schema,
    keyPrefix,
    async drop() {
      await dropSchema(databaseUrl ?? '', schema);
      const redis = new Redis(redisUrl ?? '');
      try {
        await deleteKeysWithPrefix(redis, keyPrefix);
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** The environment of an instance of the group `isolation`, on free ports. */
export function scaleOutEnv(isolation: Isolation): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl ?? '',
    REDIS_URL: redisUrl ?? '',
    DATABASE_SCHEMA: isolation.schema,
    DATABASE_POOL_SIZE: '4',
    REDIS_KEY_PREFIX: isolation.keyPrefix,
  };
}
