import { create } from '@bufbuild/protobuf';
import { GetOrderRequestSchema } from '@commerce/proto';
import { createLogger } from '@commerce/server';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../support/keys.js';
import { createOrder } from './calls.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';
import { rawError } from './rich-errors.js';

describe('gRPC calls in the server log', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture({}, logger);
  });
  afterAll(() => f?.close());

  const withRequestId = (id: string) => {
    const metadata = f.auth(keys.alice);
    metadata.set('x-request-id', id);
    return metadata;
  };
  const linesOf = (requestId: string) => lines.filter((line) => line.request_id === requestId);

  it('writes one access line per call, with the request id, the method and the gRPC status', async () => {
    const error = await rawError(
      f.orders,
      'getOrder',
      create(GetOrderRequestSchema, { orderId: 'ord_missing' }),
      withRequestId('req-log-missing'),
    );
    expect(error.code).toBe(grpc.status.NOT_FOUND);
    const [line, ...more] = linesOf('req-log-missing');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'call',
      rpc: 'GetOrder',
      grpc_status: 'NOT_FOUND',
    });
    expect(line?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.duration_ms).toEqual(expect.any(Number));
  });

  it('logs the cause of an internal failure, which the client never sees, under its request id', async () => {
    const order = await createOrder(f, keys.alice);
    const spy = vi
      .spyOn(f.test.server.commerce.store.orders, 'get')
      .mockRejectedValueOnce(new Error('SQLITE_CORRUPT: the cause'));
    try {
      const error = await rawError(
        f.orders,
        'getOrder',
        create(GetOrderRequestSchema, { orderId: order.id }),
        withRequestId('req-log-internal'),
      );
      expect(error.code).toBe(grpc.status.INTERNAL);
      expect(error.details).not.toMatch(/SQLITE/);
    } finally {
      spy.mockRestore();
    }
    const logged = linesOf('req-log-internal');
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'internal error',
        protocol: 'grpc',
        err: expect.objectContaining({ message: 'SQLITE_CORRUPT: the cause' }),
      }),
      expect.objectContaining({
        level: 'error',
        msg: 'call failed',
        rpc: 'GetOrder',
        grpc_status: 'INTERNAL',
      }),
    ]);
  });
});
