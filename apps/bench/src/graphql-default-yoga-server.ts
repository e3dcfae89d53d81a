/**
 * The baseline "default graphql-yoga setup": `createYoga` with the same schema and context as the
 * adapter and nothing else configured, straight on node:http (no hono, no limits, no metrics).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCommerceSchema, createRequestContext } from '@commerce/adapter-graphql';
import { createYoga } from 'graphql-yoga';
import { announce, seededCommerce } from './graphql-seed.js';

const { commerce, id } = await seededCommerce();
const yoga = createYoga({
  schema: createCommerceSchema(commerce),
  context: ({ request }) =>
    createRequestContext({
      commerce,
      authorization: request.headers.get('authorization'),
      signal: request.signal,
      onInternalError: () => {},
    }),
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, id);
});
// A clean exit on SIGTERM, so a `--cpu-prof` profile (BENCH_GRAPHQL_CPU_PROF) gets written.
process.once('SIGTERM', () => process.exit(0));
