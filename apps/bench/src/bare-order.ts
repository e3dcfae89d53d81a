import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The bare baselines' create: reads the JSON body, gives it a new id, and hands the order and
 * its JSON to `created` (no validation, no error handling: what a minimal server does).
 */
export function readNewOrder(
  req: IncomingMessage,
  created: (order: { id: string }, body: string) => void,
): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const order = { id: `ord_${randomUUID()}`, ...JSON.parse(Buffer.concat(chunks).toString()) };
    created(order, JSON.stringify(order));
  });
}
