import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { formatTraceparent, type OperationContext, throwIfAborted } from '../context.js';
import type { EventType } from '../domain/event.js';
import {
  type Order,
  type OrderItem,
  type OrderStatus,
  orderAmount,
  transitionOrder,
} from '../domain/order.js';
import { CommerceError, invalidArgument, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { MAX_AMOUNT } from '../money.js';
import type { Repositories } from '../ports/store.js';
import { parseInput, schemas } from '../validation.js';
import { assertAdmin, assertCanAccess, canAccess, scopeCustomer } from './access.js';
import { type CoreDeps, commit, isoAt } from './deps.js';
import { runIdempotent, type WriteResult } from './idempotency.js';
import { type Page, type PageInput, toPage, toPageRequest } from './pagination.js';

const createSchema = z.object({
  customerId: schemas.customerId.optional(),
  items: z.array(schemas.item).min(1).max(100),
  currency: schemas.currency,
});
const replaceSchema = z.object({
  items: z.array(schemas.item).min(1).max(100),
  currency: schemas.currency,
  expectedVersion: schemas.version,
  lockToken: schemas.lockToken,
});
const changeSchema = z.object({
  expectedVersion: schemas.version.optional(),
  lockToken: schemas.lockToken,
});
const listSchema = z.object({
  status: schemas.orderStatus.optional(),
  customerId: schemas.customerId.optional(),
  cursor: z.string().max(512).optional(),
  page: z.number().optional(),
  limit: z.number().optional(),
});
const lockSchema = z.object({ ttlSeconds: z.number().int().min(1).optional() });

export type CreateOrderInput = z.input<typeof createSchema>;
export type ReplaceOrderInput = z.input<typeof replaceSchema>;
export type ChangeOrderInput = z.input<typeof changeSchema>;
export type ListOrdersInput = z.input<typeof listSchema> & PageInput;

/** A granted pessimistic lock: writes without `token` fail with `locked` until it expires. */
export interface OrderLock {
  orderId: string;
  token: string;
  expiresAt: string;
}

const lockResource = (orderId: string) => `order:${orderId}`;

function checkTotal(items: readonly OrderItem[]): number {
  const amount = orderAmount(items);
  if (amount > MAX_AMOUNT)
    throw invalidArgument('items', `order total must not exceed ${MAX_AMOUNT}`);
  return amount;
}

export function createOrderService(deps: CoreDeps) {
  const { store, clock, settings } = deps;

  async function load(tx: Repositories, ctx: OperationContext, id: string): Promise<Order> {
    const orderId = parseInput(schemas.orderId, id, 'id');
    const order = await tx.orders.get(orderId);
    if (!order) throw notFound('order', orderId);
    assertCanAccess(ctx, order.customerId, `order ${orderId}`);
    return order;
  }

  /** Rejects a write while another caller holds the lock; releases the lock the caller holds. */
  async function passLock(
    tx: Repositories,
    order: Order,
    lockToken: string | undefined,
  ): Promise<void> {
    const resource = lockResource(order.id);
    const lock = await tx.locks.get(resource, clock.now());
    if (lock && lock.token !== lockToken) {
      throw new CommerceError('locked', `order ${order.id} is locked by another client`, {
        lockedUntil: isoAt(lock.expiresAt),
      });
    }
    if (!lock && lockToken !== undefined) {
      throw new CommerceError(
        'locked',
        `lock token does not hold a live lock on order ${order.id} (expired or released)`,
      );
    }
    if (lock) await tx.locks.release(resource, lock.token);
  }

  async function save(
    tx: Repositories,
    ctx: OperationContext,
    before: Order,
    after: Order,
    type: EventType,
  ): Promise<Order> {
    if (!(await tx.orders.update(after, before.version))) {
      throw new CommerceError('version_mismatch', `order ${before.id} was changed concurrently`);
    }
    await appendOrderEvent(tx, formatTraceparent(ctx.trace), after, type, clock.now());
    return after;
  }

  function checkVersion(order: Order, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && order.version !== expectedVersion) {
      throw new CommerceError(
        'version_mismatch',
        `order ${order.id} is at version ${order.version}, not ${expectedVersion}`,
        { currentVersion: order.version },
      );
    }
  }

  async function transition(
    ctx: OperationContext,
    id: string,
    input: ChangeOrderInput,
    to: OrderStatus,
    type: EventType,
  ): Promise<Order> {
    const change = parseInput(changeSchema, input);
    throwIfAborted(ctx.signal);
    return commit(deps, async (tx) => {
      const order = await load(tx, ctx, id);
      checkVersion(order, change.expectedVersion);
      await passLock(tx, order, change.lockToken);
      return save(tx, ctx, order, transitionOrder(order, to, isoAt(clock.now())), type);
    });
  }

  return {
    async create(
      ctx: OperationContext,
      input: CreateOrderInput,
      idempotencyKey?: string,
    ): Promise<WriteResult<Order>> {
      const data = parseInput(createSchema, input);
      const amount = checkTotal(data.items);
      const customerId = data.customerId ?? ctx.principal.customerId;
      if (customerId === null) throw invalidArgument('customerId', 'is required for an admin key');
      assertCanAccess(ctx, customerId, `customer ${customerId}`);
      throwIfAborted(ctx.signal);
      return runIdempotent(
        deps,
        ctx,
        'orders.create',
        idempotencyKey,
        { ...data, customerId },
        async (tx) => {
          const now = clock.now();
          const order: Order = {
            id: newId('ord', now),
            customerId,
            items: data.items,
            amount,
            currency: data.currency,
            status: 'pending',
            version: 1,
            createdAt: isoAt(now),
            updatedAt: isoAt(now),
          };
          await tx.orders.insert(order);
          await appendOrderEvent(tx, formatTraceparent(ctx.trace), order, 'order.created', now);
          return order;
        },
      );
    },

    async get(ctx: OperationContext, id: string): Promise<Order> {
      throwIfAborted(ctx.signal);
      return load(store, ctx, id);
    },

    /** Orders by id at once (for batch loaders); unknown ids and others' orders are left out. */
    async getMany(ctx: OperationContext, ids: readonly string[]): Promise<Order[]> {
      throwIfAborted(ctx.signal);
      const orders = await store.orders.getMany(ids);
      return orders.filter((order) => canAccess(ctx, order.customerId));
    },

    async list(ctx: OperationContext, input: ListOrdersInput = {}): Promise<Page<Order>> {
      const query = parseInput(listSchema, input);
      const customerId = scopeCustomer(ctx, query.customerId);
      const request = toPageRequest(query, settings.pagination);
      throwIfAborted(ctx.signal);
      const rows = await store.orders.list({ customerId, status: query.status }, request);
      return toPage(rows, request);
    },

    async replace(ctx: OperationContext, id: string, input: ReplaceOrderInput): Promise<Order> {
      const data = parseInput(replaceSchema, input);
      const amount = checkTotal(data.items);
      throwIfAborted(ctx.signal);
      return commit(deps, async (tx) => {
        const order = await load(tx, ctx, id);
        checkVersion(order, data.expectedVersion);
        await passLock(tx, order, data.lockToken);
        if (order.status !== 'pending') {
          throw new CommerceError(
            'invalid_state',
            `order ${order.id} is ${order.status}; only pending orders can change`,
            {
              currentState: order.status,
            },
          );
        }
        const next: Order = {
          ...order,
          items: data.items,
          currency: data.currency,
          amount,
          version: order.version + 1,
          updatedAt: isoAt(clock.now()),
        };
        return save(tx, ctx, order, next, 'order.updated');
      });
    },

    cancel: (ctx: OperationContext, id: string, input: ChangeOrderInput = {}) =>
      transition(ctx, id, input, 'cancelled', 'order.cancelled'),

    async fulfil(ctx: OperationContext, id: string, input: ChangeOrderInput = {}): Promise<Order> {
      assertAdmin(ctx, 'fulfil orders');
      return transition(ctx, id, input, 'fulfilled', 'order.updated');
    },

    async lock(
      ctx: OperationContext,
      id: string,
      input: { ttlSeconds?: number } = {},
    ): Promise<OrderLock> {
      const data = parseInput(lockSchema, input);
      const ttlSeconds = data.ttlSeconds ?? settings.locks.defaultTtlSeconds;
      if (ttlSeconds > settings.locks.maxTtlSeconds) {
        throw invalidArgument('ttlSeconds', `must be at most ${settings.locks.maxTtlSeconds}`);
      }
      throwIfAborted(ctx.signal);
      return commit(deps, async (tx) => {
        const order = await load(tx, ctx, id);
        const now = clock.now();
        const token = `lck_${randomBytes(18).toString('base64url')}`;
        const expiresAt = now + ttlSeconds * 1000;
        const result = await tx.locks.acquire(
          { resource: lockResource(order.id), token, ownerId: ctx.principal.id, expiresAt },
          now,
        );
        if (!result.acquired) {
          throw new CommerceError('locked', `order ${order.id} is already locked`, {
            lockedUntil: isoAt(result.current.expiresAt),
          });
        }
        return { orderId: order.id, token, expiresAt: isoAt(expiresAt) };
      });
    },

    async unlock(ctx: OperationContext, id: string, lockToken: string): Promise<void> {
      const token = parseInput(z.string().min(1).max(128), lockToken, 'lockToken');
      await commit(deps, async (tx) => {
        const order = await load(tx, ctx, id);
        if (!(await tx.locks.release(lockResource(order.id), token))) {
          throw new CommerceError(
            'locked',
            `lock token does not hold a live lock on order ${order.id}`,
          );
        }
      });
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;

export async function appendOrderEvent(
  tx: Repositories,
  traceparent: string | null,
  order: Order,
  type: EventType,
  now: number,
): Promise<void> {
  await tx.events.append({
    id: newId('evt', now),
    type,
    customerId: order.customerId,
    orderId: order.id,
    paymentId: null,
    data: { order },
    traceparent,
    occurredAt: isoAt(now),
  });
}
