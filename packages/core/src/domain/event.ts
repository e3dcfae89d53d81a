import type { Order } from './order.js';
import type { Payment } from './payment.js';

export const EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.cancelled',
  'payment.processing',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type EventData =
  | { order: Order; payment?: undefined }
  | { payment: Payment; order?: undefined };

/**
 * One entry of the event log. `sequence` is global, gap-free and increasing; the event is
 * appended in the same transaction as the change it describes, with a snapshot of the resource.
 */
export interface DomainEvent {
  sequence: number;
  id: string;
  type: EventType;
  customerId: string;
  orderId: string;
  paymentId: string | null;
  data: EventData;
  /** `traceparent` of the request that caused the change. */
  traceparent: string | null;
  occurredAt: string;
}

export type NewEvent = Omit<DomainEvent, 'sequence'>;
