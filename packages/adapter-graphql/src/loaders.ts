import {
  type Commerce,
  notFound,
  type OperationContext,
  type Order,
  type Payment,
} from '@commerce/core';
import DataLoader from 'dataloader';

/** One set per operation, so batching and caching never cross callers. */
export interface Loaders {
  orderById: DataLoader<string, Order>;
  paymentById: DataLoader<string, Payment>;
  /** Every payment of an order, oldest first. */
  paymentsByOrderId: DataLoader<string, Payment[]>;
}

const byId = <T extends { id: string }>(rows: readonly T[]) =>
  new Map(rows.map((row) => [row.id, row]));

/** DataLoaders for every relation of the schema, each one store query per batch. */
export function createLoaders(
  commerce: Commerce,
  operation: () => Promise<OperationContext>,
): Loaders {
  return {
    orderById: new DataLoader<string, Order>(async (ids) => {
      const found = byId(await commerce.orders.getMany(await operation(), ids));
      return ids.map((id) => found.get(id) ?? notFound('order', id));
    }),
    paymentById: new DataLoader<string, Payment>(async (ids) => {
      const found = byId(await commerce.payments.getMany(await operation(), ids));
      return ids.map((id) => found.get(id) ?? notFound('payment', id));
    }),
    paymentsByOrderId: new DataLoader(async (orderIds) => {
      const payments = await commerce.payments.listByOrderIds(await operation(), orderIds);
      const grouped = new Map<string, Payment[]>();
      for (const payment of payments) {
        const list = grouped.get(payment.orderId) ?? [];
        list.push(payment);
        grouped.set(payment.orderId, list);
      }
      return orderIds.map((id) => grouped.get(id) ?? []);
    }),
  };
}
