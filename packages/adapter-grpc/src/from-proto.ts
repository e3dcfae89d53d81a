import type {
  OrderItem as CoreOrderItem,
  OrderStatus as CoreOrderStatus,
  PaymentStatus as CorePaymentStatus,
} from '@commerce/core';
import { invalidArgument } from '@commerce/core';
import type { OrderItem, OrderStatus, PaymentStatus } from '@commerce/proto';
import { ORDER_STATUS, PAYMENT_STATUS } from './to-proto.js';

/**
 * Request fields as the core's input. proto3 has no "unset" for plain scalars: the zero value
 * (empty string, 0, UNSPECIFIED) means "not given", as the contract's comments say.
 */
export const optionalText = (value: string): string | undefined =>
  value === '' ? undefined : value;
export const optionalNumber = (value: number | bigint): number | undefined =>
  value === 0 || value === 0n ? undefined : Number(value);

/** int64 as a JS number: exact below 2^53, and the core rejects anything near that. */
export const toNumber = (value: bigint): number => Number(value);

export const itemsFromProto = (items: readonly OrderItem[]): CoreOrderItem[] =>
  items.map((item) => ({
    sku: item.sku,
    quantity: item.quantity,
    unitPrice: toNumber(item.unitPrice),
  }));

function enumFromProto<T extends string, E extends number>(
  table: Record<T, E>,
  value: E,
  field: string,
): T | undefined {
  if (value === 0) return undefined;
  const entry = Object.entries(table).find(([, v]) => v === value);
  if (!entry) throw invalidArgument(field, `unknown enum value ${value}`);
  return entry[0] as T;
}

export const orderStatusFromProto = (value: OrderStatus): CoreOrderStatus | undefined =>
  enumFromProto(ORDER_STATUS, value, 'status');
export const paymentStatusFromProto = (value: PaymentStatus): CorePaymentStatus | undefined =>
  enumFromProto(PAYMENT_STATUS, value, 'status');
