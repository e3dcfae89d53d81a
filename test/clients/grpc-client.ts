import { create, type DescMessage, fromBinary, type MessageInitShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { anyIs, anyUnpack, timestampDate } from '@bufbuild/protobuf/wkt';
import { GRPC_STATUS, serviceDefinition } from '@commerce/adapter-grpc';
import {
  type Order as CoreOrder,
  type OrderStatus as CoreOrderStatus,
  type Payment as CorePayment,
  ERROR_CODES,
  type ErrorCode,
  type EventType,
} from '@commerce/core';
import {
  CancelOrderRequestSchema,
  CreateOrderRequestSchema,
  CreatePaymentRequestSchema,
  ErrorInfoSchema,
  EventService,
  GetOrderRequestSchema,
  GetPaymentRequestSchema,
  ListOrdersRequestSchema,
  LockOrderRequestSchema,
  type Order,
  OrderService,
  OrderStatus,
  type Payment,
  PaymentService,
  PaymentStatus,
  RefundPaymentRequestSchema,
  ReplaceOrderRequestSchema,
  StatusSchema,
  UnlockOrderRequestSchema,
  WatchEventsRequestSchema,
  type WatchEventsResponse,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { type ApiClient, ApiError, type ClientFactory, type EventView } from './api-client.js';

/** A generic grpc-js client of a generated service (methods keyed by local name). */
type GenericClient = grpc.Client & Record<string, (...args: unknown[]) => grpc.ClientUnaryCall>;

/** Connects a grpc-js client for a generated service, built with the adapter's bridge. */
export function connectService(
  service: GenService<GenServiceMethods>,
  address: string,
): GenericClient {
  const Client = grpc.makeGenericClientConstructor(serviceDefinition(service), service.name);
  return new Client(address, grpc.credentials.createInsecure()) as unknown as GenericClient;
}

const STATUS_TO_CODE = new Map<grpc.status, ErrorCode>(
  ERROR_CODES.map((code) => [GRPC_STATUS[code], code] as const).reverse(),
);

/** The stable code of a failed call: the ErrorInfo reason, else the status-code mapping. */
export function errorCodeOf(error: grpc.ServiceError): ErrorCode {
  const raw = error.metadata?.get('grpc-status-details-bin')[0];
  if (raw instanceof Buffer) {
    const status = fromBinary(StatusSchema, raw);
    const info = status.details.find((d) => anyIs(d, ErrorInfoSchema));
    const reason = info ? anyUnpack(info, ErrorInfoSchema)?.reason.toLowerCase() : undefined;
    if (reason && (ERROR_CODES as readonly string[]).includes(reason)) return reason as ErrorCode;
  }
  if (error.code === grpc.status.CANCELLED) return 'deadline_exceeded';
  return STATUS_TO_CODE.get(error.code) ?? 'internal';
}

const requestIdOf = (metadata: grpc.Metadata | undefined): string | null => {
  const value = metadata?.get('x-request-id')[0];
  return typeof value === 'string' ? value : null;
};

export const toApiError = (error: grpc.ServiceError): ApiError =>
  new ApiError(errorCodeOf(error), error.details, requestIdOf(error.metadata));

/** Calls one unary method; resolves with the response and the trailing metadata. */
export function callUnary<S extends DescMessage, R>(
  client: GenericClient,
  method: string,
  schema: S,
  init: MessageInitShape<S>,
  metadata: grpc.Metadata,
  options: grpc.CallOptions = {},
): Promise<{ response: R; trailers: grpc.Metadata }> {
  return new Promise((resolve, reject) => {
    let response: R | undefined;
    let failed: grpc.ServiceError | undefined;
    const call = (client[method] as (...args: unknown[]) => grpc.ClientUnaryCall).call(
      client,
      create(schema, init),
      metadata,
      options,
      (error: grpc.ServiceError | null, value: R) => {
        if (error) failed = error;
        else response = value;
      },
    );
    call.on('status', (status: grpc.StatusObject) => {
      if (failed) reject(toApiError(failed));
      else resolve({ response: response as R, trailers: status.metadata });
    });
  });
}

const ORDER_STATUS: Record<OrderStatus, CoreOrderStatus | undefined> = {
  [OrderStatus.UNSPECIFIED]: undefined,
  [OrderStatus.PENDING]: 'pending',
  [OrderStatus.PAID]: 'paid',
  [OrderStatus.FULFILLED]: 'fulfilled',
  [OrderStatus.CANCELLED]: 'cancelled',
};
const ORDER_STATUS_OF = Object.fromEntries(
  Object.entries(ORDER_STATUS).map(([k, v]) => [v, Number(k) as OrderStatus]),
) as Record<CoreOrderStatus, OrderStatus>;
const PAYMENT_STATUS: Record<PaymentStatus, CorePayment['status'] | undefined> = {
  [PaymentStatus.UNSPECIFIED]: undefined,
  [PaymentStatus.PROCESSING]: 'processing',
  [PaymentStatus.SUCCEEDED]: 'succeeded',
  [PaymentStatus.FAILED]: 'failed',
  [PaymentStatus.REFUNDED]: 'refunded',
};

const iso = (t: Parameters<typeof timestampDate>[0] | undefined) =>
  t ? timestampDate(t).toISOString() : '';

export function orderFromProto(order: Order | undefined): CoreOrder {
  if (!order) throw new Error('response without an order');
  return {
    id: order.id,
    customerId: order.customerId,
    items: order.items.map((i) => ({
      sku: i.sku,
      quantity: i.quantity,
      unitPrice: Number(i.unitPrice),
    })),
    amount: Number(order.amount),
    currency: order.currency,
    status: ORDER_STATUS[order.status] ?? 'pending',
    version: Number(order.version),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

export function paymentFromProto(payment: Payment | undefined): CorePayment {
  if (!payment) throw new Error('response without a payment');
  return {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: Number(payment.amount),
    currency: payment.currency,
    paymentMethod: payment.paymentMethod as CorePayment['paymentMethod'],
    status: PAYMENT_STATUS[payment.status] ?? 'processing',
    failureCode: payment.failureCode ?? null,
    jobId: payment.jobId,
    version: Number(payment.version),
    createdAt: iso(payment.createdAt),
    updatedAt: iso(payment.updatedAt),
  };
}

/** The gRPC client of the scenario suite, on `address` (`host:port`). */
export function grpcClients(address: string): ClientFactory {
  return {
    protocol: 'grpc',
    async connect(apiKey) {
      const orders = connectService(OrderService, address);
      const payments = connectService(PaymentService, address);
      const events = connectService(EventService, address);
      const metadata = (idempotencyKey?: string) => {
        const m = new grpc.Metadata();
        m.set('authorization', `Bearer ${apiKey}`);
        if (idempotencyKey !== undefined) m.set('idempotency-key', idempotencyKey);
        return m;
      };
      const replayedOf = (trailers: grpc.Metadata) =>
        trailers.get('idempotent-replayed')[0] === 'true';
      type With<K extends string, T> = { [P in K]?: T };
      const unary = <S extends DescMessage, R>(
        client: GenericClient,
        method: string,
        schema: S,
        init: MessageInitShape<S>,
        idempotencyKey?: string,
      ) => callUnary<S, R>(client, method, schema, init, metadata(idempotencyKey));

      const client: ApiClient = {
        async createOrder(input, options) {
          const { response, trailers } = await unary<
            typeof CreateOrderRequestSchema,
            With<'order', Order>
          >(
            orders,
            'createOrder',
            CreateOrderRequestSchema,
            {
              ...(input.customerId === undefined ? {} : { customerId: input.customerId }),
              items: input.items.map((i) => ({ ...i, unitPrice: BigInt(i.unitPrice) })),
              currency: input.currency,
            },
            options?.idempotencyKey,
          );
          return { order: orderFromProto(response.order), replayed: replayedOf(trailers) };
        },
        async getOrder(id) {
          const { response } = await unary<typeof GetOrderRequestSchema, With<'order', Order>>(
            orders,
            'getOrder',
            GetOrderRequestSchema,
            { orderId: id },
          );
          return orderFromProto(response.order);
        },
        async listOrders(query) {
          const { response } = await unary<
            typeof ListOrdersRequestSchema,
            { orders: Order[]; nextPageToken: string }
          >(orders, 'listOrders', ListOrdersRequestSchema, {
            ...(query.status ? { status: ORDER_STATUS_OF[query.status] } : {}),
            customerId: query.customerId ?? '',
            pageToken: query.cursor ?? '',
            pageSize: query.limit ?? 0,
          });
          return {
            orders: response.orders.map(orderFromProto),
            nextCursor: response.nextPageToken === '' ? null : response.nextPageToken,
          };
        },
        async replaceOrder(id, input) {
          const { response } = await unary<typeof ReplaceOrderRequestSchema, With<'order', Order>>(
            orders,
            'replaceOrder',
            ReplaceOrderRequestSchema,
            {
              orderId: id,
              items: input.items.map((i) => ({ ...i, unitPrice: BigInt(i.unitPrice) })),
              currency: input.currency,
              expectedVersion: BigInt(input.expectedVersion),
              ...(input.lockToken === undefined ? {} : { lockToken: input.lockToken }),
            },
          );
          return orderFromProto(response.order);
        },
        async cancelOrder(id, options) {
          const { response } = await unary<typeof CancelOrderRequestSchema, With<'order', Order>>(
            orders,
            'cancelOrder',
            CancelOrderRequestSchema,
            {
              orderId: id,
              ...(options?.expectedVersion === undefined
                ? {}
                : { expectedVersion: BigInt(options.expectedVersion) }),
              ...(options?.lockToken === undefined ? {} : { lockToken: options.lockToken }),
            },
          );
          return orderFromProto(response.order);
        },
        async lockOrder(id, ttlSeconds) {
          const { response } = await unary<
            typeof LockOrderRequestSchema,
            { lockToken: string; expiresAt?: Parameters<typeof timestampDate>[0] }
          >(orders, 'lockOrder', LockOrderRequestSchema, {
            orderId: id,
            ttlSeconds: ttlSeconds ?? 0,
          });
          return { token: response.lockToken, expiresAt: iso(response.expiresAt) };
        },
        async unlockOrder(id, token) {
          await unary(orders, 'unlockOrder', UnlockOrderRequestSchema, {
            orderId: id,
            lockToken: token,
          });
        },
        async createPayment(input, options) {
          const { response, trailers } = await unary<
            typeof CreatePaymentRequestSchema,
            With<'payment', Payment>
          >(payments, 'createPayment', CreatePaymentRequestSchema, input, options?.idempotencyKey);
          return { payment: paymentFromProto(response.payment), replayed: replayedOf(trailers) };
        },
        async getPayment(id) {
          const { response } = await unary<
            typeof GetPaymentRequestSchema,
            With<'payment', Payment>
          >(payments, 'getPayment', GetPaymentRequestSchema, { paymentId: id });
          return paymentFromProto(response.payment);
        },
        async refundPayment(id, options) {
          const { response, trailers } = await unary<
            typeof RefundPaymentRequestSchema,
            With<'payment', Payment>
          >(
            payments,
            'refundPayment',
            RefundPaymentRequestSchema,
            { paymentId: id },
            options?.idempotencyKey,
          );
          return { payment: paymentFromProto(response.payment), replayed: replayedOf(trailers) };
        },
        watchEvents(query, until, timeoutMs = 10_000) {
          return new Promise<EventView[]>((resolve, reject) => {
            const received: EventView[] = [];
            let done = false;
            const call = (
              events.watchEvents as (
                ...args: unknown[]
              ) => grpc.ClientReadableStream<WatchEventsResponse>
            ).call(
              events,
              create(WatchEventsRequestSchema, {
                afterSequence: BigInt(query.afterSequence ?? 0),
                orderId: query.orderId ?? '',
                types: query.types ?? [],
              }),
              metadata(),
              { deadline: Date.now() + timeoutMs },
            );
            call.on('data', ({ event }: WatchEventsResponse) => {
              if (done || !event) return;
              received.push({
                sequence: Number(event.sequence),
                type: event.type as EventType,
                orderId: event.orderId,
                paymentId: event.paymentId ?? null,
                customerId: event.customerId,
              });
              if (until(received)) {
                done = true;
                resolve(received);
                call.cancel();
              }
            });
            call.on('error', (error: grpc.ServiceError) => {
              if (!done) reject(toApiError(error));
            });
          });
        },
        async close() {
          for (const c of [orders, payments, events]) c.close();
        },
      };
      return client;
    },
  };
}
