import type { ApiKeySeed } from '@commerce/core';

/** API keys the scenario targets seed (the same secrets the server seeds as demo keys). */
export const keys = { admin: 'sk_test_admin', alice: 'sk_test_alice', bob: 'sk_test_bob' } as const;

export const keySeeds: ApiKeySeed[] = [
  { name: 'admin', secret: keys.admin, role: 'admin', customerId: null },
  { name: 'alice', secret: keys.alice, role: 'customer', customerId: 'cus_alice' },
  { name: 'bob', secret: keys.bob, role: 'customer', customerId: 'cus_bob' },
];
