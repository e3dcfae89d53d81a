/**
 * `pnpm bench:graphql`: one typical order query through the real server's GraphQL endpoint
 * (every middleware and plugin on), against the REST GET of the same order on the same server,
 * a default graphql-yoga setup, and bare graphql-js `execute` with cached parse/validate behind
 * node:http. Each server runs in its own process; prints req/s, p99 and the ratios.
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_KEY } from './graphql-seed.js';
import { spawnServer } from './spawn-server.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 50;
/** The target: at least half of what the bare cached graphql-js server reaches. */
const TARGET_VS_BARE = 0.5;

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

const QUERY = `query Order($id: ID!) {
  order(id: $id) { id status amount currency version items { sku quantity unitPrice } }
}`;

async function measure(name: string, options: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options });
  const errors = result.non2xx + result.errors;
  if (errors > 0) console.warn(`${name}: ${errors} errors or non-2xx responses`);
  return { name, reqPerSec: result.requests.average, p99: result.latency.p99 };
}

const graphqlPost = (url: string, id: string, authorization: string): autocannon.Options => ({
  url: `${url}/graphql`,
  method: 'POST',
  headers: { authorization, 'content-type': 'application/json' },
  body: JSON.stringify({ query: QUERY, variables: { id } }),
});

const server = await spawnServer(script('./rest-server.ts'));
const defaultYoga = await spawnServer(script('./graphql-default-yoga-server.ts'));
const bare = await spawnServer(script('./graphql-bare-server.ts'));
try {
  const admin = 'Bearer sk_test_admin';
  const results = [
    await measure('bare graphql-js (cached parse/validate)', {
      ...graphqlPost(bare.url, bare.id, `Bearer ${BENCH_KEY}`),
      url: bare.url,
    }),
    await measure(
      'default graphql-yoga',
      graphqlPost(defaultYoga.url, defaultYoga.id, `Bearer ${BENCH_KEY}`),
    ),
    await measure('our /graphql (server, all plugins)', graphqlPost(server.url, server.id, admin)),
    await measure('REST GET /api/v1/orders/{id}', {
      url: `${server.url}/api/v1/orders/${server.id}`,
      headers: { authorization: admin },
    }),
  ];
  const [floor, yoga, ours, rest] = results;
  console.table(
    results.map((r) => ({ case: r.name, 'req/s': Math.round(r.reqPerSec), 'p99 ms': r.p99 })),
  );
  if (floor && yoga && ours && rest) {
    const vsBare = ours.reqPerSec / floor.reqPerSec;
    console.log(`ours / bare graphql-js:  ${vsBare.toFixed(2)}× (target ≥ ${TARGET_VS_BARE}×)`);
    console.log(`ours / default yoga:     ${(ours.reqPerSec / yoga.reqPerSec).toFixed(2)}×`);
    console.log(`default yoga / bare:     ${(yoga.reqPerSec / floor.reqPerSec).toFixed(2)}×`);
    console.log(`ours / REST GET:         ${(ours.reqPerSec / rest.reqPerSec).toFixed(2)}×`);
  }
} finally {
  for (const s of [server, defaultYoga, bare]) s.stop();
}
