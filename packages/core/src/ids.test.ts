import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('is prefixed and sorts by creation time, even within one millisecond', () => {
    const ids = Array.from({ length: 1_000 }, (_, i) =>
      newId('ord', 1_700_000_000_000 + Math.floor(i / 100)),
    );
    expect(ids[0]).toMatch(/^ord_[0-9a-z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
