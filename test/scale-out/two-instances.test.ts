import { create } from '@bufbuild/protobuf';
import { EventService, WatchEventsRequestSchema, type WatchEventsResponse } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectService } from '../clients/grpc-client.js';
import { invoke } from '../grpc/calls.js';
import { openSse } from '../live/sse-client.js';
import { keys } from '../support/keys.js';
import { type Instance, killAll, startInstance } from './instance.js';
import {
  type Isolation,
  isolate,
  redisUrl,
  scaleOutEnv,
  servicesAvailable,
  suiteTitle,
} from './services.js';

const items = (sku: string) => [{ sku, quantity: 1, unit_price: 500 }];

describe.skipIf(!servicesAvailable)(
  suiteTitle('two instances on one PostgreSQL and one Redis'),
  () => {
    let isolation: Isolation;
    let a: Instance;
    let b: Instance;
    beforeAll(async () => {
      isolation = isolate();
      const env = {
        ...scaleOutEnv(isolation),
        PAYMENT_SLOW_SECONDS: '1',
        RATE_LIMIT_CUSTOMER_CAPACITY: '100000',
        RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '100000',
      };
      // Both at once: they migrate and seed the same schema concurrently, as a deployment would.
      [a, b] = await Promise.all([startInstance('A', env), startInstance('B', env)]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      killAll();
      await isolation?.drop();
    });

    it('replays on B an idempotent create sent to A', async () => {
      const body = { items: items('sku-replay'), currency: 'EUR' };
      const headers = { 'Idempotency-Key': `replay-${Date.now()}` };
      const first = await a.rest('POST', '/api/v1/orders', { body, headers });
      expect(first.status).toBe(201);
      const retried = await b.rest('POST', '/api/v1/orders', { body, headers });
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(retried.body).toEqual(first.body);
    });

    it('creates one order for N concurrent duplicates spread over both instances', async () => {
      const sku = `sku-dup-${Date.now()}`;
      const body = { items: items(sku), currency: 'EUR' };
      const headers = { 'Idempotency-Key': `dup-${sku}` };
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? a : b).rest('POST', '/api/v1/orders', { body, headers }),
        ),
      );
      // A duplicate that arrives while the first is still running is told to retry (409).
      for (const answer of answers) expect([201, 409]).toContain(answer.status);
      const ids = new Set(answers.filter((r) => r.status === 201).map((r) => r.body.id));
      expect(ids.size).toBe(1);
      const settled = await b.rest('POST', '/api/v1/orders', { body, headers });
      expect(ids.has(settled.body.id)).toBe(true);
      const listed = await a.rest('GET', '/api/v1/orders?limit=100');
      const orders = listed.body.data as { items: { sku: string }[] }[];
      expect(orders.filter((o) => o.items.some((item) => item.sku === sku))).toHaveLength(1);
    });

    it('shows subscribers on B (SSE and gRPC) the writes on A, in order, woken through Redis', async () => {
      const { keyPrefix } = isolation;
      const wakes: number[] = [];
      const listener = new Redis(redisUrl ?? '');
      await listener.subscribe(`${keyPrefix}events`);
      listener.on('message', (_channel: string, message: string) =>
        wakes.push(Number(message.split(' ')[1])),
      );
      const sse = await openSse(b.url, '/api/v1/events?after=0', { key: keys.alice });
      expect(sse.response.status).toBe(200);
      const events = connectService(EventService, b.grpcAddress);
      const metadata = new grpc.Metadata();
      metadata.set('authorization', `Bearer ${keys.alice}`);
      const watch = invoke<grpc.ClientReadableStream<WatchEventsResponse>>(
        events,
        'watchEvents',
        create(WatchEventsRequestSchema, { afterSequence: 0n }),
        metadata,
      );
      try {
        const created = await a.rest('POST', '/api/v1/orders', {
          body: { items: items('sku-live'), currency: 'EUR' },
        });
        const orderId = String(created.body.id);
        expect((await a.rest('DELETE', `/api/v1/orders/${orderId}`)).status).toBe(200);
        const expected = ['order.created', 'order.cancelled'];

        const viaGrpc = new Promise<{ type: string; sequence: number }[]>((resolve, reject) => {
          const seen: { type: string; sequence: number }[] = [];
          watch.on('error', reject);
          watch.on('data', (message: WatchEventsResponse) => {
            if (message.event?.orderId !== orderId) return;
            seen.push({ type: message.event.type, sequence: Number(message.event.sequence) });
            if (seen.length === expected.length) resolve(seen);
          });
        });
        const viaSse: { type: string; sequence: number }[] = [];
        for await (const frame of sse.frames) {
          if (!frame.data?.includes(orderId)) continue;
          viaSse.push({ type: String(frame.event), sequence: Number(frame.id) });
          if (viaSse.length === expected.length) break;
        }
        const grpcSeen = await viaGrpc;
        for (const seen of [viaSse, grpcSeen]) {
          expect(seen.map((e) => e.type)).toEqual(expected);
          expect(seen[0]?.sequence).toBeLessThan(seen[1]?.sequence ?? 0);
        }
        expect(grpcSeen).toEqual(viaSse);
        // A announced its commits on the shared channel: B was woken, not left to its poll.
        expect(Math.max(...wakes)).toBeGreaterThanOrEqual(viaSse[1]?.sequence ?? Infinity);
      } finally {
        watch.cancel();
        events.close();
        sse.disconnect();
        listener.disconnect();
      }
    });

    it('runs each payment job to its outcome once although both instances run workers', async () => {
      const payments = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const via = i % 2 === 0 ? a : b;
          const order = await via.rest('POST', '/api/v1/orders', {
            body: { items: items('sku-pay'), currency: 'EUR' },
          });
          const paid = await via.rest('POST', '/api/v1/payments', {
            body: { order_id: order.body.id, payment_method: 'pm_card_visa' },
          });
          expect(paid.status).toBe(202);
          return String(paid.body.id);
        }),
      );
      for (const id of payments) {
        const outcome = await b.rest('GET', `/api/v1/payments/${id}?wait=20`);
        expect(outcome.body.status).toBe('succeeded');
      }
      const succeeded = await eventsOfType(a, 'payment.succeeded');
      for (const id of payments) {
        expect(
          succeeded.filter((e) => e.payment_id === id),
          `payment.succeeded of ${id}`,
        ).toHaveLength(1);
      }
    });
  },
);

/** Every logged event of `type`, read page by page as the admin. */
async function eventsOfType(via: Instance, type: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let after = 0;
  for (;;) {
    const page = await via.rest('GET', `/api/v1/events?after=${after}&limit=1000`, {
      key: keys.admin,
    });
    const events = page.body.events as Record<string, unknown>[];
    found.push(...events.filter((e) => e.type === type));
    if (events.length === 0) return found;
    after = Number(page.body.next_sequence);
  }
}
