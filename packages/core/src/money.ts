const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** True for an active ISO 4217 alphabetic code (as known to the runtime's ICU data). */
export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value);
}

/** Largest amount accepted, in minor units: keeps every sum a safe integer. */
export const MAX_AMOUNT = 1_000_000_000_000;
