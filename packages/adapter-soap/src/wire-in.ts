import type { OrderItem } from '@commerce/core';
import { isNode, textOf, type XmlNode } from './envelope.js';

// Values are handed to the core as read: its schemas report anything invalid as
// `invalid_argument` with the field, so the adapter does not validate twice.

/** An optional string element. */
export const text = (node: XmlNode, name: string): string | undefined => textOf(node[name]);

/** An optional numeric element; non-numeric text becomes NaN, which the core rejects. */
export function number(node: XmlNode, name: string): number | undefined {
  const value = textOf(node[name]);
  if (value === undefined) return undefined;
  return value.trim() === '' ? Number.NaN : Number(value);
}

/** The repeated `Item` elements of a create or replace. */
export function items(node: XmlNode): OrderItem[] {
  const list = node.Item;
  if (!Array.isArray(list)) return [];
  return list.map((entry) => {
    const item = isNode(entry) ? entry : {};
    return {
      sku: text(item, 'Sku') as string,
      quantity: number(item, 'Quantity') as number,
      unitPrice: number(item, 'UnitPrice') as number,
    };
  });
}
