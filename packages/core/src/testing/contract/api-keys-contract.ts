import { describe, expect, it } from 'vitest';
import { makeApiKey } from '../fixtures.js';
import type { CurrentStore } from './support.js';

/** API keys: looked up by hash; an upsert never replaces an existing key. */
export function describeApiKeys(store: CurrentStore): void {
  describe('api keys', () => {
    it('finds a stored key by its hash, and null for an unknown hash', async () => {
      const customer = makeApiKey();
      const admin = makeApiKey({ name: 'ops', role: 'admin', customerId: null });
      await store().apiKeys.upsert(customer);
      await store().apiKeys.upsert(admin);
      expect(await store().apiKeys.findByHash(customer.keyHash)).toEqual(customer);
      expect(await store().apiKeys.findByHash(admin.keyHash)).toEqual(admin);
      expect(await store().apiKeys.findByHash('hash_unknown')).toBeNull();
    });

    it('finds keys by a prefix of their hash', async () => {
      const first = makeApiKey({ keyHash: 'ab12cd34ef56ab78aaaa' });
      const second = makeApiKey({ keyHash: 'ab12cd34ef56ab78bbbb' });
      await store().apiKeys.upsert(first);
      await store().apiKeys.upsert(second);
      await store().apiKeys.upsert(makeApiKey({ keyHash: 'ab12cd34ef56ab79aaaa' }));
      expect(await store().apiKeys.findByHashPrefix('ab12cd34ef56ab78')).toEqual([first, second]);
      expect(await store().apiKeys.findByHashPrefix('ffffffffffffffff')).toEqual([]);
    });

    it('keeps the first key when one with the same hash is upserted again', async () => {
      const original = makeApiKey();
      await store().apiKeys.upsert(original);
      await store().apiKeys.upsert(
        makeApiKey({ keyHash: original.keyHash, name: 'again', role: 'admin' }),
      );
      expect(await store().apiKeys.findByHash(original.keyHash)).toEqual(original);
    });
  });
}
