import { create } from '@bufbuild/protobuf';
import type { Store } from '@commerce/core';
import { makeOrder, makeOrderEvent } from '@commerce/core/testing';
import { WatchEventsRequestSchema, type WatchEventsResponse } from '@commerce/proto';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../support/keys.js';
import { invoke, sleep } from './calls.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';

const TOTAL = 100_000;
const PER_TRANSACTION = 1_000;
/**
 * What the server may pull ahead of a paused client: a few batches of 100 (500 measured: what
 * fills the HTTP/2 window and the stream buffers), never the log.
 */
const MAX_ROWS_AHEAD = 2_000;

async function seedEvents(store: Store): Promise<void> {
  const order = makeOrder({ customerId: 'cus_alice' });
  for (let done = 0; done < TOTAL; done += PER_TRANSACTION) {
    await store.transaction(async (tx) => {
      for (let i = 0; i < PER_TRANSACTION; i++) await tx.events.append(makeOrderEvent(order));
    });
  }
}

describe('gRPC WatchEvents with a client that stops reading', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture();
    await seedEvents(f.test.server.commerce.store);
  }, 120_000);
  afterAll(() => f?.close());

  it('pulls a bounded number of events while paused, then delivers all 100k without gaps or duplicates', async () => {
    const { store } = f.test.server.commerce;
    let rowsPulled = 0;
    const original = store.events.readAfter.bind(store.events);
    const readAfter = vi.spyOn(store.events, 'readAfter').mockImplementation(async (...args) => {
      const rows = await original(...args);
      rowsPulled += rows.length;
      return rows;
    });
    try {
      const call = invoke<grpc.ClientReadableStream<WatchEventsResponse>>(
        f.events,
        'watchEvents',
        create(WatchEventsRequestSchema, {}),
        f.auth(keys.alice),
      );
      const failed = new Promise<never>((_, reject) => call.on('error', reject));
      failed.catch(() => {});
      const sequences: number[] = [];
      let reachedEnd: () => void = () => {};
      const all = new Promise<void>((resolve) => {
        reachedEnd = resolve;
      });
      call.on('data', (m: WatchEventsResponse) => {
        sequences.push(Number(m.event?.sequence));
        if (sequences.length === 10) call.pause();
        if (sequences.length === TOTAL) reachedEnd();
      });

      await expect.poll(() => sequences.length).toBe(10);
      await sleep(500);
      const pulledWhilePaused = rowsPulled;
      await sleep(500);
      expect(rowsPulled).toBe(pulledWhilePaused);
      expect(pulledWhilePaused).toBeLessThanOrEqual(MAX_ROWS_AHEAD);
      expect(sequences.length).toBe(10);

      call.resume();
      await Promise.race([all, failed]);
      call.cancel();
      expect(sequences[0]).toBe(1);
      expect(sequences.every((s, i) => s === i + 1)).toBe(true);
      expect(rowsPulled).toBe(TOTAL);
    } finally {
      readAfter.mockRestore();
    }
  }, 120_000);
});
