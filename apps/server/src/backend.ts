import { mkdir } from 'node:fs/promises';
import type { EventBus, RateLimiter, Store } from '@commerce/core';
import {
  createRedisEventBus,
  createRedisRateLimiter,
  openRedis,
  redactedUrl,
} from '@commerce/redis';
import { openPostgresStore } from '@commerce/store-postgres';
import { openSqliteStore } from '@commerce/store-sqlite';
import type { Redis } from 'ioredis';
import type { Config, ScaleOutConfig } from './config.js';
import type { Logger } from './logger.js';

/**
 * What the core runs on: the store, and in the scale-out mode the Redis bus and rate limiter
 * (the core's in-process defaults otherwise), with the health checks of each dependency.
 */
export interface Backend {
  store: Store;
  bus?: EventBus;
  rateLimiter?: RateLimiter;
  /** One check per dependency for /readyz: resolves when it is usable, rejects saying why. */
  checks: Record<string, () => Promise<void>>;
  /** Closes the store and the Redis connection (the core closes the bus). */
  close(): Promise<void>;
}

/** Opens the embedded SQLite store, or PostgreSQL and Redis; fails fast if one is unreachable. */
export async function openBackend(config: Config, logger: Logger): Promise<Backend> {
  if (config.scaleOut) return openScaleOut(config.scaleOut, logger);
  await mkdir(config.dataDir, { recursive: true });
  const store = await openSqliteStore({ path: config.databasePath });
  return { store, checks: { database: () => store.ping() }, close: () => store.close() };
}

/** Logs the first error of an outage only: reconnect attempts repeat it every few seconds. */
function onceUntilReset(log: (error: Error) => void) {
  let reported = false;
  return {
    report(error: Error) {
      if (!reported) log(error);
      reported = true;
    },
    reset() {
      reported = false;
    },
  };
}

async function openScaleOut(scaleOut: ScaleOutConfig, logger: Logger): Promise<Backend> {
  const store = await openPostgresStore({
    url: scaleOut.databaseUrl,
    schema: scaleOut.databaseSchema,
    poolSize: scaleOut.databasePoolSize,
    connectionTimeoutMs: scaleOut.connectTimeoutMs,
    onPoolError: (error) => logger.warn({ err: error }, 'PostgreSQL: idle connection failed'),
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL at ${redactedUrl(scaleOut.databaseUrl)} is unreachable or unusable: ${reason}`,
      { cause: error },
    );
  });
  let client: Redis | undefined;
  try {
    const redisErrors = onceUntilReset((error) =>
      logger.warn({ err: error }, 'Redis: connection lost, reconnecting'),
    );
    client = await openRedis({
      url: scaleOut.redisUrl,
      connectTimeoutMs: scaleOut.connectTimeoutMs,
      connectionName: 'commerce',
      onError: redisErrors.report,
    });
    client.on('ready', () => {
      redisErrors.reset();
      logger.info('Redis: reconnected');
    });
    const redis = client;
    const bus = await createRedisEventBus({
      client,
      channel: `${scaleOut.redisKeyPrefix}events`,
      onError: (error) => logger.warn({ err: error }, 'Redis event bus: wakes delayed to polling'),
    });
    return {
      store,
      bus,
      rateLimiter: createRedisRateLimiter({ client: redis, prefix: scaleOut.redisKeyPrefix }),
      checks: {
        database: () => store.ping(),
        redis: async () => {
          await redis.ping();
          if (!bus.subscribed) throw new Error('event subscription is reconnecting');
        },
      },
      async close() {
        redis.disconnect();
        await store.close();
      },
    };
  } catch (error) {
    client?.disconnect();
    await store.close();
    throw error;
  }
}
