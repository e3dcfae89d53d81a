import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../ports/store.js';
import { describeApiKeys } from './contract/api-keys-contract.js';
import { describeEventLog } from './contract/events-contract.js';
import { describeIdempotency } from './contract/idempotency-contract.js';
import { describeJobs } from './contract/jobs-contract.js';
import { describeLocks } from './contract/locks-contract.js';
import { describeOrders } from './contract/orders-contract.js';
import { describePayments } from './contract/payments-contract.js';
import { describeTransactions } from './contract/transactions-contract.js';
import { describeWebhooks } from './contract/webhooks-contract.js';

/**
 * The behaviour every implementation of the `Store` port must have, as a vitest suite.
 * `openStore` must return a fresh, empty store; each test opens one and closes it afterwards.
 *
 * @example describeStoreContract('sqlite', () => openSqliteStore({ path: freshFile() }));
 */
export function describeStoreContract(name: string, openStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | null = null;
    const store = (): Store => {
      if (!current) throw new Error('the store is only open while a test runs');
      return current;
    };

    beforeEach(async () => {
      current = await openStore();
    });

    afterEach(async () => {
      await current?.close();
      current = null;
    });

    describeOrders(store);
    describePayments(store);
    describeEventLog(store);
    describeTransactions(store);
    describeIdempotency(store);
    describeLocks(store);
    describeJobs(store);
    describeApiKeys(store);
    describeWebhooks(store);
  });
}
