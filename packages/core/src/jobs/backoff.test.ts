import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles per attempt within [half, full] of the exponential delay', () => {
    expect(retryDelayMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(retryDelayMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(retryDelayMs(3, 100, 10_000, () => 0)).toBe(200);
    expect(retryDelayMs(3, 100, 10_000, () => 1)).toBe(400);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, 100, 5_000, () => 1)).toBe(5_000);
  });
});
