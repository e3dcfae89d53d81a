import { CommerceError } from '../errors.js';

export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderItem {
  sku: string;
  quantity: number;
  /** Minor units of the order's currency. */
  unitPrice: number;
}

export interface Order {
  id: string;
  customerId: string;
  items: OrderItem[];
  /** Sum of quantity × unitPrice, in minor units. */
  amount: number;
  currency: string;
  status: OrderStatus;
  /** Starts at 1 and grows by one on every change. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
};

export function orderAmount(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}

/** Returns the order moved to `to`, or throws `invalid_state` for an illegal transition. */
export function transitionOrder(order: Order, to: OrderStatus, at: string): Order {
  if (!TRANSITIONS[order.status].includes(to)) {
    throw new CommerceError(
      'invalid_state',
      `order ${order.id} is ${order.status} and cannot become ${to}`,
      {
        currentState: order.status,
      },
    );
  }
  return { ...order, status: to, version: order.version + 1, updatedAt: at };
}
