import { EventService, OrderService, PaymentService } from '@commerce/proto';
import type { Logger } from '@commerce/server';
import * as grpc from '@grpc/grpc-js';
import { connectService } from '../clients/grpc-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A real server and raw generated-code clients on its gRPC port. */
export async function openGrpcFixture(env: Record<string, string> = {}, logger?: Logger) {
  const test: TestServer = await startTestServer(env, logger);
  const address = `127.0.0.1:${test.server.grpcPort}`;
  const orders = connectService(OrderService, address);
  const payments = connectService(PaymentService, address);
  const events = connectService(EventService, address);
  return {
    test,
    address,
    orders,
    payments,
    events,
    /** Metadata with the API key (and an idempotency key). */
    auth(apiKey: string, idempotencyKey?: string) {
      const m = new grpc.Metadata();
      m.set('authorization', `Bearer ${apiKey}`);
      if (idempotencyKey) m.set('idempotency-key', idempotencyKey);
      return m;
    },
    async close() {
      for (const c of [orders, payments, events]) c.close();
      await test[Symbol.asyncDispose]();
    },
  };
}

export type GrpcFixture = Awaited<ReturnType<typeof openGrpcFixture>>;
