import { CreateOrderRequestSchema, type Order } from '@commerce/proto';
import type * as grpc from '@grpc/grpc-js';
import { callUnary } from '../clients/grpc-client.js';
import type { GrpcFixture } from './grpc-fixture.js';

type Method = (...args: unknown[]) => unknown;

/** Calls a method of a generic client by its local name (streaming calls return their stream). */
export const invoke = <T>(client: grpc.Client, method: string, ...args: unknown[]): T =>
  (client as unknown as Record<string, Method>)[method]?.call(client, ...args) as T;

/** One item worth 500 EUR cents: enough for an order. */
export const ITEMS = [{ sku: 'sku-book', quantity: 1, unitPrice: 500n }];

/** Creates an order over gRPC as the caller with `apiKey`. */
export async function createOrder(f: GrpcFixture, apiKey: string): Promise<Order> {
  const { response } = await callUnary<typeof CreateOrderRequestSchema, { order: Order }>(
    f.orders,
    'createOrder',
    CreateOrderRequestSchema,
    { items: ITEMS, currency: 'EUR' },
    f.auth(apiKey),
  );
  return response.order;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
