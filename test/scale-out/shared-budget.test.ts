import { create } from '@bufbuild/protobuf';
import { ListOrdersRequestSchema, OrderService } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectService, errorCodeOf } from '../clients/grpc-client.js';
import { invoke } from '../grpc/calls.js';
import { keys } from '../support/keys.js';
import { type Instance, killAll, startInstance } from './instance.js';
import { type Isolation, isolate, scaleOutEnv, servicesAvailable, suiteTitle } from './services.js';

const CAPACITY = 6;

describe.skipIf(!servicesAvailable)(suiteTitle('the rate limit across instances'), () => {
  let isolation: Isolation;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    isolation = isolate();
    const env = {
      ...scaleOutEnv(isolation),
      RATE_LIMIT_CUSTOMER_CAPACITY: String(CAPACITY),
      // About one token per 100 s: none comes back while the test runs.
      RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '0.01',
    };
    [a, b] = await Promise.all([startInstance('A', env), startInstance('B', env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    killAll();
    await isolation?.drop();
  });

  it('is one budget per key for both instances and every protocol', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < CAPACITY; i++) {
      const answer = await (i % 2 === 0 ? a : b).rest('GET', '/api/v1/orders', { key: keys.bob });
      expect(answer.status).toBe(200);
      remaining.push(Number(answer.headers.get('x-ratelimit-remaining')));
    }
    // Each instance saw the other's spending: the count went down by one per request.
    expect(remaining).toEqual(Array.from({ length: CAPACITY }, (_, i) => CAPACITY - 1 - i));

    const refusedOnA = await a.rest('GET', '/api/v1/orders', { key: keys.bob });
    expect(refusedOnA.status).toBe(429);
    expect(Number(refusedOnA.headers.get('retry-after'))).toBeGreaterThan(0);

    const orders = connectService(OrderService, b.grpcAddress);
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${keys.bob}`);
    try {
      const error = await new Promise<grpc.ServiceError | null>((resolve) =>
        invoke(orders, 'listOrders', create(ListOrdersRequestSchema, {}), metadata, resolve),
      );
      expect(error && errorCodeOf(error)).toBe('rate_limited');
    } finally {
      orders.close();
    }
    // Another key has its own budget.
    expect((await b.rest('GET', '/api/v1/orders', { key: keys.alice })).status).toBe(200);
  });
});
