import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Reads a request's body and hands it, parsed as JSON, to `done` (no limits, no errors handled). */
export function readJsonBody<T>(req: IncomingMessage, done: (value: T) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => done(JSON.parse(Buffer.concat(chunks).toString()) as T));
}

/**
 * A bare baseline's create: reads the JSON body, gives it a new id, and hands the order and
 * its JSON to `created` (no validation, no error handling: what a minimal server does).
 */
export function readNewOrder(
  req: IncomingMessage,
  created: (order: { id: string }, body: string) => void,
): void {
  readJsonBody<object>(req, (input) => {
    const order = { id: `ord_${randomUUID()}`, ...input };
    created(order, JSON.stringify(order));
  });
}
