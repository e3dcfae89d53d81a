import { invalidArgument, type OrderLock } from '@commerce/core';

/** The JSON wire shapes: the core's shared resource JSON, plus what only REST sends. */

export {
  eventJson as wireEvent,
  orderItemJson as wireItem,
  orderJson as wireOrder,
  paymentJson as wirePayment,
  paymentProgressJson as wireProgress,
} from '@commerce/core';

export const wireLock = (lock: OrderLock) => ({
  order_id: lock.orderId,
  token: lock.token,
  expires_at: lock.expiresAt,
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Renames the snake_case fields of a request object to the core's names (`names` maps wire to
 * core; other fields are dropped, as the core's schemas drop unknown keys). Values pass through
 * untouched, whatever their type: validating them is the core's job.
 */
export function fromWire(
  body: unknown,
  names: Record<string, string>,
  field = 'request',
): Record<string, unknown> {
  if (!isRecord(body)) throw invalidArgument(field, 'must be a JSON object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = names[key];
    if (name !== undefined) out[name] = value;
  }
  return out;
}

const ITEM_NAMES = { sku: 'sku', quantity: 'quantity', unit_price: 'unitPrice' };

/** `items` of a request body, each item renamed (`unit_price` → `unitPrice`). */
export const itemsFromWire = (items: unknown): unknown =>
  Array.isArray(items) ? items.map((item, i) => fromWire(item, ITEM_NAMES, `items[${i}]`)) : items;
