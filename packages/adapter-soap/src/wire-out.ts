import type { DomainEvent, Order, OrderItem, Payment } from '@commerce/core';
import { element } from './xml-text.js';

// Element order follows the XSD sequences in commerce.wsdl.

const itemXml = (item: OrderItem) =>
  `<Item>${element('Sku', item.sku)}${element('Quantity', item.quantity)}${element('UnitPrice', item.unitPrice)}</Item>`;

/** The content of an `Order` element. */
export const orderXml = (o: Order): string =>
  element('Id', o.id) +
  element('CustomerId', o.customerId) +
  o.items.map(itemXml).join('') +
  element('Amount', o.amount) +
  element('Currency', o.currency) +
  element('Status', o.status) +
  element('Version', o.version) +
  element('CreatedAt', o.createdAt) +
  element('UpdatedAt', o.updatedAt);

/** The content of a `Payment` element. */
export const paymentXml = (p: Payment): string =>
  element('Id', p.id) +
  element('OrderId', p.orderId) +
  element('CustomerId', p.customerId) +
  element('Amount', p.amount) +
  element('Currency', p.currency) +
  element('PaymentMethod', p.paymentMethod) +
  element('Status', p.status) +
  element('FailureCode', p.failureCode) +
  element('JobId', p.jobId) +
  element('Version', p.version) +
  element('CreatedAt', p.createdAt) +
  element('UpdatedAt', p.updatedAt);

/** The content of an `Event` element. */
export const eventXml = (e: DomainEvent): string =>
  element('Sequence', e.sequence) +
  element('Id', e.id) +
  element('Type', e.type) +
  element('CustomerId', e.customerId) +
  element('OrderId', e.orderId) +
  element('PaymentId', e.paymentId) +
  element('OccurredAt', e.occurredAt);
