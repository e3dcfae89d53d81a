import { describe, expect, it } from 'vitest';
import { randomBytesPooled } from './random-pool.js';

describe('randomBytesPooled', () => {
  it('hands out distinct bytes across pool refills, never changed afterwards', () => {
    const first = randomBytesPooled(32);
    const copy = Buffer.from(first);
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) seen.add(randomBytesPooled(36).toString('hex'));
    expect(seen.size).toBe(1_000);
    expect(first.equals(copy)).toBe(true);
    expect(() => randomBytesPooled(5_000)).toThrow(RangeError);
  });
});
