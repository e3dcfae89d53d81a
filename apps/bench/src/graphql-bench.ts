/**
 * `pnpm bench:graphql`: one typical order query through the real server's GraphQL endpoint
 * (every middleware and plugin on), against the REST GET of the same order on the same server,
 * a default graphql-yoga setup, and bare graphql-js `execute` with cached parse/validate behind
 * node:http. Each server runs in its own process; prints req/s, p99, the server process's CPU
 * time per request, and the ratios.
 *
 * The CPU column (Linux `/proc`) is the measure to trust on a shared machine: req/s moves with
 * whatever else runs, CPU per request much less. `cpu ratio` is bare CPU / this case's CPU, i.e.
 * the throughput ratio the two would reach if each had a core to itself.
 *
 * BENCH_DURATION_S=n   seconds per case (default 5)
 * BENCH_GRAPHQL_CASES=bare,yoga,ours,rest   only these cases (default all)
 * BENCH_GRAPHQL_CPU_PROF=dir   writes a `--cpu-prof` profile of each server process into dir
 *   (summarize it with `node apps/bench/src/profile-summary.mjs dir/*.cpuprofile`).
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { withCpuPerRequest } from './cpu-per-request.js';
import { BENCH_KEY } from './graphql-seed.js';
import { type ServerProcess, spawnServer } from './spawn-server.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 50;
/** The issue's target: at least half of what the bare cached graphql-js server reaches. */
const TARGET_VS_BARE = 0.5;
const profileDir = process.env.BENCH_GRAPHQL_CPU_PROF;
const only = process.env.BENCH_GRAPHQL_CASES?.split(',');

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

const QUERY = `query Order($id: ID!) {
  order(id: $id) { id status amount currency version items { sku quantity unitPrice } }
}`;

type CaseKey = 'bare' | 'yoga' | 'ours' | 'rest';

interface Case {
  key: CaseKey;
  name: string;
  server: ServerProcess;
  options: autocannon.Options;
}

async function measure(c: Case) {
  const { result, cpuPerRequest } = await withCpuPerRequest(c.server, () =>
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...c.options }),
  );
  const errors = result.non2xx + result.errors;
  if (errors > 0) console.warn(`${c.name}: ${errors} errors or non-2xx responses`);
  return {
    key: c.key,
    name: c.name,
    reqPerSec: result.requests.average,
    p99: result.latency.p99,
    cpuPerRequest,
  };
}

const graphqlPost = (url: string, id: string, authorization: string): autocannon.Options => ({
  url: `${url}/graphql`,
  method: 'POST',
  headers: { authorization, 'content-type': 'application/json' },
  body: JSON.stringify({ query: QUERY, variables: { id } }),
});

const wanted = (key: CaseKey) => only === undefined || only.includes(key);
const server =
  wanted('ours') || wanted('rest')
    ? await spawnServer(script('./rest-server.ts'), nodeArgs)
    : undefined;
const defaultYoga = wanted('yoga')
  ? await spawnServer(script('./graphql-default-yoga-server.ts'), nodeArgs)
  : undefined;
const bare = wanted('bare')
  ? await spawnServer(script('./graphql-bare-server.ts'), nodeArgs)
  : undefined;
try {
  const admin = 'Bearer sk_test_admin';
  const cases: Case[] = [];
  if (bare)
    cases.push({
      key: 'bare',
      name: 'bare graphql-js (cached parse/validate)',
      server: bare,
      options: { ...graphqlPost(bare.url, bare.id, `Bearer ${BENCH_KEY}`), url: bare.url },
    });
  if (defaultYoga)
    cases.push({
      key: 'yoga',
      name: 'default graphql-yoga',
      server: defaultYoga,
      options: graphqlPost(defaultYoga.url, defaultYoga.id, `Bearer ${BENCH_KEY}`),
    });
  if (server && wanted('ours'))
    cases.push({
      key: 'ours',
      name: 'our /graphql (server, all plugins)',
      server,
      options: graphqlPost(server.url, server.id, admin),
    });
  if (server && wanted('rest'))
    cases.push({
      key: 'rest',
      name: 'REST GET /api/v1/orders/{id}',
      server,
      options: {
        url: `${server.url}/api/v1/orders/${server.id}`,
        headers: { authorization: admin },
      },
    });
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  for (const c of cases) results.push(await measure(c));
  const floor = results.find((r) => r.key === 'bare');
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per case, loopback`);
  console.table(
    results.map((r) => ({
      case: r.name,
      'req/s': Math.round(r.reqPerSec),
      'p99 ms': r.p99,
      'vs bare': floor ? `${(r.reqPerSec / floor.reqPerSec).toFixed(2)}x` : 'n/a',
      'CPU µs/req': r.cpuPerRequest === undefined ? 'n/a' : Math.round(r.cpuPerRequest),
      'cpu ratio':
        floor?.cpuPerRequest === undefined || r.cpuPerRequest === undefined
          ? 'n/a'
          : `${(floor.cpuPerRequest / r.cpuPerRequest).toFixed(2)}x`,
    })),
  );
  const by = (key: CaseKey) => results.find((r) => r.key === key);
  const [yoga, ours, rest] = [by('yoga'), by('ours'), by('rest')];
  const ratio = (a: typeof ours, b: typeof ours) => {
    if (!a || !b) return 'n/a';
    const cpu =
      a.cpuPerRequest && b.cpuPerRequest
        ? `, cpu ${(b.cpuPerRequest / a.cpuPerRequest).toFixed(2)}×`
        : '';
    return `${(a.reqPerSec / b.reqPerSec).toFixed(2)}×${cpu}`;
  };
  if (ours && floor)
    console.log(`ours / bare graphql-js:  ${ratio(ours, floor)} (target ≥ ${TARGET_VS_BARE}×)`);
  if (ours && yoga) console.log(`ours / default yoga:     ${ratio(ours, yoga)}`);
  if (yoga && floor) console.log(`default yoga / bare:     ${ratio(yoga, floor)}`);
  if (ours && rest) console.log(`ours / REST GET:         ${ratio(ours, rest)}`);
} finally {
  await Promise.all([server, defaultYoga, bare].map((s) => s?.stop()));
}
