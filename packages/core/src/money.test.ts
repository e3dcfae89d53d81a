import { describe, expect, it } from 'vitest';
import { isCurrencyCode } from './money.js';

describe('isCurrencyCode', () => {
  it('accepts ISO 4217 codes and nothing else', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'GBP']) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['eur', 'XYZ', 'EURO', '', 'E1R']) expect(isCurrencyCode(code)).toBe(false);
  });
});
