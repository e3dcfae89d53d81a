import { z } from 'zod';
import { EVENT_TYPES } from './domain/event.js';
import { ORDER_STATUSES } from './domain/order.js';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from './domain/payment.js';
import { CommerceError, type FieldViolation } from './errors.js';
import { isCurrencyCode, MAX_AMOUNT } from './money.js';

const id = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{1,40}$`), `must be an id starting with ${prefix}_`);

export const schemas = {
  orderId: id('ord'),
  paymentId: id('pay'),
  webhookEndpointId: id('whe'),
  webhookDeliveryId: id('msg'),
  webhookUrl: z
    .string()
    .max(2_048)
    .refine(isWebhookUrl, 'must be an http or https URL without credentials'),
  customerId: z.string().regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, _ . or -'),
  currency: z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code such as EUR'),
  item: z.object({
    sku: z.string().regex(/^[\w.-]{1,64}$/, 'must be 1-64 letters, digits, _ . or -'),
    quantity: z.number().int().min(1).max(10_000),
    unitPrice: z.number().int('must be an integer amount in minor units').min(0).max(MAX_AMOUNT),
  }),
  version: z.number().int().min(1),
  lockToken: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1),
  orderStatus: z.enum(ORDER_STATUSES),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  paymentMethod: z.enum(PAYMENT_METHODS),
  eventType: z.enum(EVENT_TYPES),
  sequence: z.number().int().min(0),
  idempotencyKey: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 printable ASCII characters'),
};

function isWebhookUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === ''
  );
}

function formatPath(path: readonly PropertyKey[], root: string): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  }
  return out || root;
}

/**
 * Parses `input` with `schema`, or throws `invalid_argument` listing every bad field.
 * `root` names the input itself when it is a single value (an id, a key).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root = 'request',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldViolations: FieldViolation[] = result.error.issues.map((issue) => ({
    field: formatPath(issue.path, root),
    description: issue.message,
  }));
  const summary = fieldViolations.map((v) => `${v.field}: ${v.description}`).join('; ');
  throw new CommerceError('invalid_argument', `invalid request: ${summary}`, { fieldViolations });
}
