import type { ApiKeySeed } from '@commerce/core';

/**
 * The demo API keys of the embedded mode (`SEED_DEMO_KEYS=true`): one admin and two customers,
 * so every example, test and the browser console work against a fresh data directory. They are
 * public; turn seeding off anywhere real.
 */
export const DEMO_KEYS: readonly ApiKeySeed[] = [
  { name: 'demo admin', secret: 'sk_test_admin', role: 'admin', customerId: null },
  {
    name: 'demo customer alice',
    secret: 'sk_test_alice',
    role: 'customer',
    customerId: 'cus_alice',
  },
  { name: 'demo customer bob', secret: 'sk_test_bob', role: 'customer', customerId: 'cus_bob' },
];
