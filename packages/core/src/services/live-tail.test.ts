import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/event.js';
import { createInProcessEventBus } from '../in-memory/in-process-event-bus.js';
import { createInMemoryRateLimiter } from '../in-memory/token-bucket-rate-limiter.js';
import { createJobSignal } from '../jobs/job-signal.js';
import { systemClock } from '../ports/clock.js';
import type { EventFilter, Store } from '../ports/store.js';
import { resolveSettings } from '../settings.js';
import type { CoreDeps } from './deps.js';
import { createLiveTail, matchesFilter } from './live-tail.js';
import { feedLog, followLog } from './log-follower.js';

/** An in-memory event log that counts store reads; `append` commits and (optionally) publishes. */
function fakeCore(events: { queueSize?: number; tailBuffer?: number; pollMs?: number } = {}) {
  const log: DomainEvent[] = [];
  let reads = 0;
  const bus = createInProcessEventBus();
  const store = {
    events: {
      async readAfter(after: number, filter: EventFilter, limit: number) {
        reads += 1;
        return log.filter((e) => e.sequence > after && matchesFilter(filter, e)).slice(0, limit);
      },
      async head() {
        reads += 1;
        return log.length;
      },
    },
  } as unknown as Store;
  const deps: CoreDeps = {
    store,
    bus,
    rateLimiter: createInMemoryRateLimiter(systemClock),
    jobSignal: createJobSignal(),
    clock: systemClock,
    settings: resolveSettings({ events: { pollMs: 60_000, batchSize: 10, ...events } }),
  };
  return {
    deps,
    tail: createLiveTail(deps),
    reads: () => reads,
    append(customerId: string, publish = true): DomainEvent {
      const sequence = log.length + 1;
      const event = {
        sequence,
        id: `evt_${sequence}`,
        type: 'order.created',
        customerId,
        orderId: `ord_${customerId}`,
        paymentId: null,
        data: {},
        traceparent: null,
        occurredAt: new Date(0).toISOString(),
      } as unknown as DomainEvent;
      log.push(event);
      if (publish) bus.publish(sequence);
      return event;
    },
  };
}

/** Takes events from `next` until `count` arrived (a generous timeout, not a speed check). */
async function take(next: () => Promise<DomainEvent[]>, count: number): Promise<number[]> {
  const got: number[] = [];
  const deadline = Date.now() + 10_000;
  while (got.length < count && Date.now() < deadline)
    got.push(...(await next()).map((e) => e.sequence));
  return got;
}

const customers = ['cus_a', 'cus_b', 'cus_c'];

describe('live tail', () => {
  it('hands each commit to many subscribers with one store read, each filtered and in order', async () => {
    const core = fakeCore();
    for (let i = 0; i < 25; i++) core.append(customers[i % 3] as string);
    const followers = Array.from({ length: 300 }, (_, i) => {
      const customerId = customers[i % 3] as string;
      const options = {
        filter: { customerId },
        after: 0,
        limit: 10,
        signal: new AbortController().signal,
      };
      return { customerId, follower: followLog(core.deps, core.tail, options) };
    });
    // Replay from the store, then join the tail.
    const replayed = await Promise.all(
      followers.map(({ follower }) => take(() => follower.next(), 8)),
    );
    expect(replayed.every((seqs) => seqs.length >= 8)).toBe(true);
    await Promise.all(followers.map(({ follower }) => follower.next(Date.now() + 50)));
    expect(core.tail.size()).toBe(300);

    const readsBefore = core.reads();
    const commits = 30;
    const expected = new Map(customers.map((c) => [c, [] as number[]]));
    for (let i = 0; i < commits; i++) {
      const event = core.append(customers[i % 3] as string);
      expected.get(event.customerId)?.push(event.sequence);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const live = await Promise.all(
      followers.map(({ follower }) => take(() => follower.next(), commits / 3)),
    );
    followers.forEach(({ customerId }, i) => {
      expect(live[i]).toEqual(expected.get(customerId));
    });
    // The old per-subscriber readers cost 2 reads per subscriber per commit (18,000 here).
    expect(core.reads() - readsBefore).toBeLessThanOrEqual(2 * commits);
    for (const { follower } of followers) follower.close();
    expect(core.tail.size()).toBe(0);
  });

  it('lets go of a slow consumer when its queue is full; it catches up from the store without loss', async () => {
    const core = fakeCore({ queueSize: 4 });
    const signal = new AbortController().signal;
    const slow = followLog(core.deps, core.tail, { filter: {}, after: 0, limit: 3, signal });
    expect(await slow.next(Date.now() + 20)).toEqual([]);
    expect(core.tail.size()).toBe(1);

    for (let i = 0; i < 40; i++) core.append('cus_a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(core.tail.size()).toBe(0);

    const got = await take(() => slow.next(), 40);
    expect(got).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Caught up: it joins the tail again and follows live.
    core.append('cus_a');
    expect(await take(() => slow.next(), 1)).toEqual([41]);
    expect(core.tail.size()).toBe(1);
    slow.close();
  });

  it('bridges the gap between a late store read and the tail from its remembered events', async () => {
    const core = fakeCore({ tailBuffer: 100 });
    const signal = new AbortController().signal;
    const early = followLog(core.deps, core.tail, { filter: {}, after: 0, limit: 50, signal });
    expect(await early.next(Date.now() + 20)).toEqual([]);
    for (let i = 0; i < 20; i++) core.append('cus_b');
    expect(await take(() => early.next(), 20)).toHaveLength(20);

    // Starts at 5 with a small limit: replays from the store, then the tail hands over the rest.
    const late = followLog(core.deps, core.tail, { filter: {}, after: 5, limit: 4, signal });
    const got = await take(() => late.next(), 15);
    expect(got).toEqual(Array.from({ length: 15 }, (_, i) => i + 6));
    early.close();
    late.close();
  });

  it('picks up commits of other processes (no bus notification) on the poll interval', async () => {
    const core = fakeCore({ pollMs: 30 });
    const signal = new AbortController().signal;
    const follower = followLog(core.deps, core.tail, { filter: {}, after: 0, limit: 10, signal });
    expect(await follower.next(Date.now() + 20)).toEqual([]);
    core.append('cus_c', false);
    expect(await take(() => follower.next(), 1)).toEqual([1]);
    follower.close();
  });

  it('returns nothing once the deadline passes or the signal aborts', async () => {
    const core = fakeCore();
    const controller = new AbortController();
    const follower = followLog(core.deps, core.tail, {
      filter: {},
      after: 0,
      limit: 10,
      signal: controller.signal,
    });
    expect(await follower.next(Date.now() + 30)).toEqual([]);
    const waiting = follower.next();
    controller.abort();
    expect(await waiting).toEqual([]);
    follower.close();
    expect(core.tail.size()).toBe(0);
  });

  it('pushes to a feed synchronously; a paused feed is let go and resumes from the store without loss', async () => {
    const core = fakeCore({ queueSize: 4 });
    const got: number[] = [];
    let accepting = true;
    const feed = feedLog(
      core.deps,
      core.tail,
      { filter: {}, after: 0, limit: 3 },
      {
        write(events) {
          got.push(...events.map((e) => e.sequence));
          return accepting;
        },
        fail: (error) => {
          throw error;
        },
      },
    );
    for (let i = 0; i < 2; i++) core.append('cus_a');
    expect(core.reads()).toBe(0); // nothing is read before `resume`
    feed.resume();
    await expect.poll(() => core.tail.size()).toBe(1);
    expect(got).toEqual([1, 2]);

    // Live: handed over within the tail's pass, no await in between.
    core.append('cus_a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toEqual([1, 2, 3]);

    accepting = false;
    for (let i = 0; i < 20; i++) core.append('cus_a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(core.tail.size()).toBe(0); // paused past `queueSize`: let go
    accepting = true;
    feed.resume();
    await expect.poll(() => got.length).toBe(23);
    expect(got).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    await expect.poll(() => core.tail.size()).toBe(1);
    feed.close();
    expect(core.tail.size()).toBe(0);
  });
});
