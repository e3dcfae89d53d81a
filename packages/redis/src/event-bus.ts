import { randomUUID } from 'node:crypto';
import type { EventBus } from '@commerce/core';
import type { Redis } from 'ioredis';
import { openRedis } from './connect.js';

export interface RedisEventBusOptions {
  /** A connected client (see `openRedis`); the bus duplicates it for its subscriber connection. */
  client?: Redis;
  /** Used when no `client` is given; the bus then owns the connection and closes it. */
  url?: string;
  /** The pub/sub channel; instances that share a store must share it. */
  channel: string;
  /** Name of the subscriber connection in `CLIENT LIST`. Default `commerce-events`. */
  connectionName?: string;
  /** Told about publish and connection failures (once per outage, not per publish). */
  onError?: (error: Error) => void;
}

/** An EventBus across processes, with the state of its subscription for health checks. */
export interface RedisEventBus extends EventBus {
  /** True while the subscriber connection is up: wakes from other instances arrive at once. */
  readonly subscribed: boolean;
}

/**
 * Wakes live readers on every instance: `publish` wakes this process's listeners at once and
 * sends the head sequence on `channel`; every other instance's bus hears it on a subscriber
 * connection of its own and wakes its listeners.
 *
 * A wake lost while Redis is unreachable is only late, never lost for good: readers also poll
 * the store (`events.pollMs`), and when the subscriber connection is back every listener is
 * woken once with `Infinity` (the head is unknown, so they re-read the log).
 */
export async function createRedisEventBus(options: RedisEventBusOptions): Promise<RedisEventBus> {
  const { channel, onError = () => {} } = options;
  if (!options.client && !options.url)
    throw new Error('createRedisEventBus needs a client or a url');
  const client = options.client ?? (await openRedis({ url: options.url ?? '', onError }));
  const owned = !options.client;
  // Marks our own messages, which were delivered locally already.
  const origin = randomUUID();
  const listeners = new Set<(head: number) => void>();
  const wake = (head: number) => {
    for (const listener of listeners) listener(head);
  };

  const subscriber = client.duplicate({
    connectionName: options.connectionName ?? 'commerce-events',
    lazyConnect: true,
  });
  subscriber.on('error', (error: Error) => onError(error));
  subscriber.on('message', (from: string, message: string) => {
    const [sender, head] = message.split(' ');
    if (from === channel && sender !== origin) wake(Number(head));
  });
  try {
    await subscriber.connect();
    await subscriber.subscribe(channel);
  } catch (error) {
    // Stop the reconnect loops: nothing would ever use these connections.
    subscriber.disconnect();
    if (owned) client.disconnect();
    throw error;
  }
  // ioredis resubscribes by itself after a reconnect; wake everyone for what was missed.
  subscriber.on('ready', () => wake(Number.POSITIVE_INFINITY));

  let publishFailing = false;
  return {
    get subscribed() {
      return subscriber.status === 'ready';
    },
    publish(head) {
      wake(head);
      client.publish(channel, `${origin} ${head}`).then(
        () => {
          publishFailing = false;
        },
        (error: Error) => {
          if (!publishFailing) onError(error);
          publishFailing = true;
        },
      );
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      subscriber.disconnect();
      if (owned) client.disconnect();
    },
  };
}
