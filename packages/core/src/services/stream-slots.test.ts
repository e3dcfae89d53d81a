import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { isCommerceError } from '../errors.js';
import { createStreamSlots } from './stream-slots.js';

const alice = createContext({ principal: { id: 'key_a', role: 'customer', customerId: 'cus_a' } });
const bob = createContext({ principal: { id: 'key_b', role: 'customer', customerId: 'cus_b' } });

function refusal(open: () => unknown) {
  try {
    open();
  } catch (error) {
    if (isCommerceError(error)) return error;
    throw error;
  }
  throw new Error('expected the slot to be refused');
}

describe('stream slots', () => {
  it('refuses a key over its cap with rate_limited and a retry hint, others still open', () => {
    const slots = createStreamSlots({ maxPerKey: 2, maxTotal: 10, retryAfterMs: 1_000 });
    slots.open(alice);
    slots.open(alice);
    const error = refusal(() => slots.open(alice));
    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(1_000);
    expect(() => slots.open(bob)).not.toThrow();
    expect(slots.counts().total).toBe(3);
  });

  it('refuses anyone once the total cap is reached', () => {
    const slots = createStreamSlots({ maxPerKey: 5, maxTotal: 2, retryAfterMs: 1_000 });
    slots.open(alice);
    slots.open(bob);
    expect(refusal(() => slots.open(bob)).message).toMatch(/maximum of 2/);
  });

  it('gives a slot back once on release, however often release is called', () => {
    const slots = createStreamSlots({ maxPerKey: 1, maxTotal: 10, retryAfterMs: 1_000 });
    const slot = slots.open(alice);
    slot.release();
    slot.release();
    expect(slots.counts()).toEqual({ total: 0, byPrincipal: new Map() });
    slots.open(alice);
    expect(refusal(() => slots.open(alice)).code).toBe('rate_limited');
  });
});
