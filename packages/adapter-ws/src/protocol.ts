import { CommerceError, EVENT_TYPES, type FieldViolation } from '@commerce/core';
import { z } from 'zod';

/** A client's correlation id: echoed on the `ack` or `error` that answers the message. */
const id = z.union([z.string().max(128), z.number().finite()]).optional();
const resourceId = z.string().min(1).max(64);

/**
 * Every message a client may send, by `type`. Shapes only: ids, payment methods and the like are
 * validated by the core, so the rules and field messages are the same as over every protocol.
 */
const CLIENT_MESSAGES = {
  auth: z.object({ id, api_key: z.string().min(1).max(256) }),
  ping: z.object({ id }),
  subscribe: z.object({
    id,
    channel: z.literal('events'),
    after: z.number().int().min(0).optional(),
    order_id: resourceId.optional(),
    types: z.array(z.enum(EVENT_TYPES)).min(1).max(16).optional(),
  }),
  unsubscribe: z.object({ id, subscription: z.string().min(1).max(32) }),
  'payment.watch': z.object({ id, payment_id: resourceId }),
  'payment.cancel': z.object({ id, payment_id: resourceId }),
  'payment.create': z.object({
    id,
    order_id: resourceId,
    payment_method: z.string().min(1).max(64),
    idempotency_key: z.string().min(1).max(255).optional(),
    watch: z.boolean().optional(),
  }),
} as const;

type Schemas = typeof CLIENT_MESSAGES;

/** A validated client message, discriminated by `type`. */
export type ClientMessage = {
  [K in keyof Schemas]: z.output<Schemas[K]> & { type: K };
}[keyof Schemas];

export type ClientMessageType = ClientMessage['type'];

/** The message types a client may send, for documentation and error messages. */
export const CLIENT_MESSAGE_TYPES = Object.keys(CLIENT_MESSAGES) as ClientMessageType[];

/**
 * Each client message as a JSON Schema (draft-07, `type` included), for the AsyncAPI document:
 * generated from the same schemas that validate incoming frames, so the two cannot drift.
 */
export function clientMessageJsonSchemas(): Record<ClientMessageType, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const [type, schema] of Object.entries(CLIENT_MESSAGES)) {
    const json: Record<string, unknown> = {
      ...z.toJSONSchema(schema.extend({ type: z.literal(type) }), {
        target: 'draft-7',
        io: 'input',
      }),
    };
    delete json.$schema;
    schemas[type] = json;
  }
  return schemas as Record<ClientMessageType, Record<string, unknown>>;
}

/** The outcome of reading one frame: a message, or an `invalid_argument` (with the id if any). */
export type ParsedFrame =
  | { ok: true; message: ClientMessage }
  | { ok: false; error: CommerceError; id?: string | number };

const invalid = (field: string, description: string, idValue?: string | number): ParsedFrame => ({
  ok: false,
  id: idValue,
  error: new CommerceError('invalid_argument', `${field}: ${description}`, {
    fieldViolations: [{ field, description }],
  }),
});

/** `types[0]`, `payment_id`: the path of a bad field as the core writes it. */
const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, part) =>
      typeof part === 'number' ? `${out}[${part}]` : `${out}${out ? '.' : ''}${String(part)}`,
    '',
  ) || 'message';

/** Parses one text frame: JSON, a known `type`, the fields of that type. Never throws. */
export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('message', 'must be a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('message', 'must be a JSON object');
  }
  const record = value as Record<string, unknown>;
  const echo = id.safeParse(record.id);
  const idValue = echo.success ? echo.data : undefined;
  const type = record.type;
  const schema = typeof type === 'string' ? CLIENT_MESSAGES[type as ClientMessageType] : undefined;
  if (!schema) {
    return invalid('type', `must be one of ${CLIENT_MESSAGE_TYPES.join(', ')}`, idValue);
  }
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ok: true, message: { ...parsed.data, type } as ClientMessage };
  const fieldViolations: FieldViolation[] = parsed.error.issues.map((issue) => ({
    field: fieldPath(issue.path),
    description: issue.message,
  }));
  const summary = fieldViolations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return {
    ok: false,
    id: idValue,
    error: new CommerceError('invalid_argument', `invalid ${type} message: ${summary}`, {
      fieldViolations,
    }),
  };
}
