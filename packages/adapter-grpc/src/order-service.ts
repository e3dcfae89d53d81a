import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { assertWithinRateLimit, toCommerceError } from '@commerce/core';
import {
  CancelOrderResponseSchema,
  CreateOrderResponseSchema,
  ExportOrdersResponseSchema,
  FulfillOrderResponseSchema,
  GetOrderResponseSchema,
  ImportOrdersResponseSchema,
  type ImportOrdersResult,
  ImportOrdersResultSchema,
  ListOrdersResponseSchema,
  LockOrderResponseSchema,
  OrderService,
  ReplaceOrderResponseSchema,
  UnlockOrderResponseSchema,
} from '@commerce/proto';
import { bridgeService, type GrpcService, MalformedMessage } from './bridge.js';
import { idempotencyKeyOf } from './call-scope.js';
import { toErrorDetail } from './error-detail.js';
import { PAGING_RENAMES } from './field-paths.js';
import {
  itemsFromProto,
  optionalNumber,
  optionalText,
  orderStatusFromProto,
  toNumber,
} from './from-proto.js';
import { assertDecoded, clientStream, type RpcEnv, serverStream, unary } from './rpc.js';
import { orderToProto } from './to-proto.js';

const BY_ORDER_ID = { id: 'order_id' };

/** OrderService: every RPC is one call on `commerce.orders` (ExportOrders pages through list). */
export function orderService(env: RpcEnv): GrpcService {
  const { orders } = env.commerce;
  return bridgeService(OrderService, {
    createOrder: unary(
      env,
      'CreateOrder',
      async (ctx, req, call) => {
        const input = {
          ...(req.customerId === undefined ? {} : { customerId: req.customerId }),
          items: itemsFromProto(req.items),
          currency: req.currency,
        };
        const { value, replayed } = await orders.create(
          ctx,
          input,
          idempotencyKeyOf(call.metadata),
        );
        return {
          message: create(CreateOrderResponseSchema, { order: orderToProto(value) }),
          replayed,
        };
      },
      { idempotencyKey: 'idempotency-key' },
    ),

    getOrder: unary(
      env,
      'GetOrder',
      async (ctx, req) => ({
        message: create(GetOrderResponseSchema, {
          order: orderToProto(await orders.get(ctx, req.orderId)),
        }),
      }),
      BY_ORDER_ID,
    ),

    listOrders: unary(
      env,
      'ListOrders',
      async (ctx, req) => {
        const page = await orders.list(ctx, {
          status: orderStatusFromProto(req.status),
          customerId: optionalText(req.customerId),
          cursor: optionalText(req.pageToken),
          limit: optionalNumber(req.pageSize),
        });
        return {
          message: create(ListOrdersResponseSchema, {
            orders: page.items.map(orderToProto),
            nextPageToken: page.nextCursor ?? '',
          }),
        };
      },
      PAGING_RENAMES,
    ),

    replaceOrder: unary(
      env,
      'ReplaceOrder',
      async (ctx, req) => {
        const order = await orders.replace(ctx, req.orderId, {
          items: itemsFromProto(req.items),
          currency: req.currency,
          expectedVersion: toNumber(req.expectedVersion),
          lockToken: req.lockToken,
        });
        return { message: create(ReplaceOrderResponseSchema, { order: orderToProto(order) }) };
      },
      BY_ORDER_ID,
    ),

    cancelOrder: unary(
      env,
      'CancelOrder',
      async (ctx, req) => {
        const order = await orders.cancel(ctx, req.orderId, changeOf(req));
        return { message: create(CancelOrderResponseSchema, { order: orderToProto(order) }) };
      },
      BY_ORDER_ID,
    ),

    fulfillOrder: unary(
      env,
      'FulfillOrder',
      async (ctx, req) => {
        const order = await orders.fulfil(ctx, req.orderId, changeOf(req));
        return { message: create(FulfillOrderResponseSchema, { order: orderToProto(order) }) };
      },
      BY_ORDER_ID,
    ),

    lockOrder: unary(
      env,
      'LockOrder',
      async (ctx, req) => {
        const ttlSeconds = optionalNumber(req.ttlSeconds);
        const lock = await orders.lock(
          ctx,
          req.orderId,
          ttlSeconds === undefined ? {} : { ttlSeconds },
        );
        return {
          message: create(LockOrderResponseSchema, {
            orderId: lock.orderId,
            lockToken: lock.token,
            expiresAt: timestampFromDate(new Date(lock.expiresAt)),
          }),
        };
      },
      BY_ORDER_ID,
    ),

    unlockOrder: unary(
      env,
      'UnlockOrder',
      async (ctx, req) => {
        await orders.unlock(ctx, req.orderId, req.lockToken);
        return { message: create(UnlockOrderResponseSchema) };
      },
      BY_ORDER_ID,
    ),

    exportOrders: serverStream(env, 'ExportOrders', async (ctx, req, send) => {
      const query = {
        status: orderStatusFromProto(req.status),
        customerId: optionalText(req.customerId),
        limit: env.commerce.settings.pagination.maxLimit,
      };
      let cursor: string | undefined;
      do {
        const page = await orders.list(ctx, { ...query, cursor });
        for (const order of page.items) {
          await send(create(ExportOrdersResponseSchema, { order: orderToProto(order) }));
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    }),

    importOrders: clientStream(env, 'ImportOrders', async (ctx, messages) => {
      const results: ImportOrdersResult[] = [];
      for await (const item of messages) {
        const ref = item instanceof MalformedMessage ? '' : item.ref;
        try {
          const request = assertDecoded(item);
          assertWithinRateLimit(await env.commerce.auth.consumeRateLimit(ctx.principal));
          const input = {
            ...(request.customerId === undefined ? {} : { customerId: request.customerId }),
            items: itemsFromProto(request.items),
            currency: request.currency,
          };
          const { value, replayed } = await orders.create(ctx, input, request.idempotencyKey);
          results.push(
            create(ImportOrdersResultSchema, {
              ref,
              result: { case: 'order', value: orderToProto(value) },
              replayed,
            }),
          );
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          results.push(
            create(ImportOrdersResultSchema, {
              ref,
              result: { case: 'error', value: toErrorDetail(toCommerceError(error), {}) },
            }),
          );
        }
      }
      const created = results.filter((r) => r.result.case === 'order').length;
      return {
        message: create(ImportOrdersResponseSchema, {
          results,
          createdCount: created,
          failedCount: results.length - created,
        }),
      };
    }),
  });
}

function changeOf(req: { expectedVersion?: bigint; lockToken?: string }) {
  return {
    ...(req.expectedVersion === undefined
      ? {}
      : { expectedVersion: toNumber(req.expectedVersion) }),
    ...(req.lockToken === undefined ? {} : { lockToken: req.lockToken }),
  };
}
