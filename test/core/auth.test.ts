import type { Store } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { manualClock, openHarness } from '../support/harness.js';
import { keySeeds, keys } from '../support/keys.js';

describe('API key authentication', () => {
  it('remembers a resolved key for the cache time only, and never an unknown key', async () => {
    const lookups: string[] = [];
    const counting = (store: Store): Store => ({
      ...store,
      apiKeys: {
        ...store.apiKeys,
        findByHash: (hash) => {
          lookups.push(hash);
          return store.apiKeys.findByHash(hash);
        },
      },
    });
    const clock = manualClock();
    await using h = await openHarness({
      clock,
      wrapStore: counting,
      settings: { auth: { keyCacheMs: 1_000 } },
    });
    await h.commerce.auth.seed(keySeeds);

    const first = await h.commerce.auth.authenticate(keys.alice);
    expect(first).toMatchObject({ role: 'customer', customerId: 'cus_alice' });
    expect(await h.commerce.auth.authenticate(keys.alice)).toEqual(first);
    expect(lookups).toHaveLength(1);
    clock.advance(1_000);
    await h.commerce.auth.authenticate(keys.alice);
    expect(lookups).toHaveLength(2);

    for (let i = 0; i < 2; i++) {
      await expect(h.commerce.auth.authenticate('sk_test_unknown')).rejects.toMatchObject({
        code: 'unauthenticated',
      });
    }
    expect(lookups).toHaveLength(4);
    await expect(h.commerce.auth.authenticate('x'.repeat(300))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(lookups).toHaveLength(4);
  });
});
