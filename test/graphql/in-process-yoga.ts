import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphqlYoga, type GraphqlYogaOptions } from '@commerce/adapter-graphql';
import type { Store } from '@commerce/core';
import { openHarness } from '../support/harness.js';
import { keySeeds } from '../support/keys.js';

/**
 * The GraphQL adapter alone behind node:http, over a core whose store the test may wrap
 * (to count or break store calls). Disposed with `await using`.
 */
export async function serveYoga(
  options: { wrapStore?: (store: Store) => Store } & Partial<
    Omit<GraphqlYogaOptions, 'commerce'>
  > = {},
) {
  const { wrapStore, ...yogaOptions } = options;
  const harness = await openHarness(wrapStore ? { wrapStore } : {});
  await harness.commerce.auth.seed(keySeeds);
  const yoga = createGraphqlYoga({ commerce: harness.commerce, ...yogaOptions });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    commerce: harness.commerce,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async [Symbol.asyncDispose]() {
      await new Promise((resolve) => server.close(resolve));
      await harness[Symbol.asyncDispose]();
    },
  };
}
