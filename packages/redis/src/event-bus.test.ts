import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisEventBus, type RedisEventBus } from './event-bus.js';
import { dropRunKeys, freshPrefix, suiteTitle, testClient, url } from './test-support/redis.js';

describe.skipIf(!url)(suiteTitle('redis event bus'), () => {
  let a: Redis;
  let b: Redis;
  const buses: RedisEventBus[] = [];
  beforeAll(async () => {
    a = await testClient();
    b = await testClient();
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    await dropRunKeys(a);
    a.disconnect();
    b.disconnect();
  });

  async function pair() {
    // Also B's connection name, so the test can find (and kill) exactly that connection.
    const channel = `${freshPrefix()}events`;
    const busA = await createRedisEventBus({ client: a, channel });
    const busB = await createRedisEventBus({ client: b, channel, connectionName: channel });
    buses.push(busA, busB);
    return { busA, busB, channel };
  }

  it('wakes the publisher at once and every other instance through Redis, in order', async () => {
    const { busA, busB } = await pair();
    const onA = vi.fn();
    const heardOnB: number[] = [];
    busA.subscribe(onA);
    busB.subscribe((head) => heardOnB.push(head));
    for (const head of [1, 2, 3]) busA.publish(head);
    expect(onA.mock.calls).toEqual([[1], [2], [3]]);
    await vi.waitFor(() => expect(heardOnB).toEqual([1, 2, 3]), { timeout: 5_000 });
    // A's own messages come back from Redis too; they must not wake A a second time.
    busB.publish(4);
    await vi.waitFor(() => expect(onA).toHaveBeenLastCalledWith(4), { timeout: 5_000 });
    expect(onA).toHaveBeenCalledTimes(4);
  });

  it('stops waking a listener once it unsubscribes', async () => {
    const { busA, busB } = await pair();
    const listener = vi.fn();
    const sentinel = vi.fn();
    busB.subscribe(sentinel);
    busB.subscribe(listener)();
    busA.publish(7);
    await vi.waitFor(() => expect(sentinel).toHaveBeenCalledWith(7), { timeout: 5_000 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('after its subscriber connection drops, wakes everyone once it is back and hears again', async () => {
    const { busA, busB, channel } = await pair();
    const heard: number[] = [];
    busB.subscribe((head) => heard.push(head));
    expect(busB.subscribed).toBe(true);
    // Kill B's subscriber connection (and only it) from the server side.
    const list = await a.client('LIST');
    const subscribers = String(list)
      .split('\n')
      .filter((line) => line.includes(`name=${channel} `));
    const ids = subscribers.map((line) => /id=(\d+)/.exec(line)?.[1]);
    for (const id of ids) if (id) await a.client('KILL', 'ID', id);
    await vi.waitFor(() => expect(heard).toContain(Number.POSITIVE_INFINITY), { timeout: 10_000 });
    await vi.waitFor(
      async () => {
        busA.publish(9);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(heard).toContain(9);
      },
      { timeout: 10_000 },
    );
    expect(busB.subscribed).toBe(true);
  });
});
