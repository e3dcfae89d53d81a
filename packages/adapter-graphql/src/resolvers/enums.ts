import {
  EVENT_TYPES,
  JOB_STATUSES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
} from '@commerce/core';

/** The GraphQL name of a core value: `order.created` → `ORDER_CREATED`, `pending` → `PENDING`. */
export const graphqlEnumName = (value: string): string => value.replace('.', '_').toUpperCase();

/** An enum resolver mapping each GraphQL name to the core's value (arguments and results). */
const enumOf = (values: readonly string[]): Record<string, string> =>
  Object.fromEntries(values.map((value) => [graphqlEnumName(value), value]));

/** The schema's enums, backed by the core's value lists so the two cannot drift apart silently. */
export const enumResolvers = {
  OrderStatus: enumOf(ORDER_STATUSES),
  PaymentStatus: enumOf(PAYMENT_STATUSES),
  PaymentMethod: enumOf(PAYMENT_METHODS),
  EventType: enumOf(EVENT_TYPES),
  JobStatus: enumOf(JOB_STATUSES),
};
