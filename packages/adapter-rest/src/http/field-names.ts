/** Where a core input field travels in HTTP when it is not a snake_case body or query field. */
const OUTSIDE_THE_BODY: Record<string, string> = {
  expectedVersion: 'If-Match',
  lockToken: 'X-Lock-Token',
  idempotencyKey: 'Idempotency-Key',
  afterSequence: 'after',
  waitMs: 'wait',
};

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Maps a core field path (`items[0].unitPrice`, `expectedVersion`) to its wire name
 * (`items[0].unit_price`, `If-Match`), so field violations name what the client sent.
 */
export function wireFieldPath(path: string): string {
  const header = OUTSIDE_THE_BODY[path];
  if (header) return header;
  return path.replace(/[A-Za-z]+/g, snake);
}
