/**
 * `pnpm bench:soap`: GetOrder of the same order with the same API key, in one run, over
 *  1. our `/soap` on the real server (PasswordText UsernameToken, every middleware on),
 *  2. the REST GET of that order on the same server,
 *  3. `soap.listen` (node-soap) serving commerce.wsdl naively, reading the same SQLite row,
 *  4. the ceiling: node:http + fast-xml-parser + the same row + a response template,
 *  5. the floor: the ceiling reading the envelope the adapter's way (its raw scan, its parser
 *     set-up), so that ours / floor is what the middleware costs and nothing else.
 * Each server runs in its own process; loopback, bounded duration. Prints calls/s, p99 and bytes
 * on the wire per call (request + response), and ratios to the ceiling. Every response is checked
 * (HTTP 200, not a fault, carries the order): any error fails the bench.
 *
 * It also prints each server process's CPU time per call (Linux `/proc`), the measure to trust on
 * a shared machine: calls/s moves with whatever else runs, CPU per call much less. `cpu ratio` is
 * the ceiling's CPU / this case's CPU, the calls/s ratio the two would reach with a core each.
 *
 * BENCH_DURATION_S=n, BENCH_WARMUP_S=n   seconds per case and of warm-up (default 5 and 2). Two
 *   seconds because the real server's code takes longer to compile than the baselines': `perf`
 *   samples per thread showed V8's compiler threads still using a fifth of a core in the second
 *   second of load, and 1–3% from the third on.
 * BENCH_SOAP_CASES=ceiling,floor,ours,rest,naive   only these cases (default all)
 * BENCH_SOAP_CPU_PROF=dir writes a `--cpu-prof` profile of each server into dir/real, dir/naive,
 *   dir/ceiling, dir/floor (summarize one with `node apps/bench/src/profile-summary.mjs dir/real/*.cpuprofile`).
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { withCpuPerRequest } from './cpu-per-request.js';
import {
  BENCH_KEY,
  getOrderEnvelope,
  isJsonOrder,
  isSoapOrder,
  SOAP_HEADERS,
} from './soap/envelopes.js';
import { type Spawned, spawnReady } from './soap/spawn.js';
import { probe, type RawRequest } from './soap/wire.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const CONNECTIONS = 50;
/** The issue's target for our endpoint against the ceiling (naive soap.listen: about 0.5×). */
const TARGET_VS_CEILING = 0.75;
const only = process.env.BENCH_SOAP_CASES?.split(',');

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

type CaseKey = 'ceiling' | 'floor' | 'ours' | 'rest' | 'naive';

interface Case {
  key: CaseKey;
  name: string;
  /** The process that serves it, whose CPU time is read around the measured run. */
  server: Spawned<unknown>;
  request: RawRequest;
  /** Whether a response body is a successful GetOrder of the order. */
  ok: (body: string) => boolean;
}

interface Row {
  key: CaseKey;
  name: string;
  callsPerSec: number;
  p99: number;
  wireBytes: number;
  calls: number;
  errors: number;
  /** Server CPU µs per call over the measured run; undefined without `/proc`. */
  cpuPerCall: number | undefined;
}

async function run(c: Case, duration: number) {
  const { url, method, headers, body } = c.request;
  return autocannon({
    url,
    method,
    headers,
    body,
    connections: CONNECTIONS,
    duration,
    verifyBody: (text) => c.ok(String(text)),
  });
}

async function measure(c: Case): Promise<Row> {
  const first = await probe(c.request);
  if (first.status !== 200 || !c.ok(first.body))
    throw new Error(`${c.name}: HTTP ${first.status} ${first.body.slice(0, 500)}`);
  if (WARMUP_S > 0) await run(c, WARMUP_S);
  const { result, cpuPerRequest } = await withCpuPerRequest(c.server, () => run(c, DURATION_S));
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  if (errors > 0) console.error(`${c.name}: ${errors} failed calls of ${result.requests.total}`);
  return {
    key: c.key,
    name: c.name,
    callsPerSec: result.requests.average,
    p99: result.latency.p99,
    wireBytes: first.requestBytes + first.responseBytes,
    calls: result.requests.total,
    errors,
    cpuPerCall: cpuPerRequest,
  };
}

const profileDir = process.env.BENCH_SOAP_CPU_PROF;
const profiled = (server: string) =>
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${server}`] : [];
const real = await spawnReady<{ url: string; id: string; db: string }>(
  script('./soap/real-server.ts'),
  {},
  profiled('real'),
);
const { id, db } = real.ready;
const env = { BENCH_SOAP_DB: db };
const naive = await spawnReady<{ url: string }>(
  script('./soap/naive-server.ts'),
  env,
  profiled('naive'),
);
const ceiling = await spawnReady<{ url: string }>(
  script('./soap/ceiling-server.ts'),
  env,
  profiled('ceiling'),
);
const floor = await spawnReady<{ url: string }>(
  script('./soap/ceiling-server.ts'),
  { ...env, BENCH_SOAP_READ: 'adapter' },
  profiled('floor'),
);
try {
  const soapCall = (base: string): RawRequest => ({
    url: `${base}/soap`,
    method: 'POST',
    headers: SOAP_HEADERS,
    body: getOrderEnvelope(id),
  });
  const soapOk = (body: string) => isSoapOrder(body, id);
  const all: Case[] = [
    {
      key: 'ceiling',
      name: 'ceiling: node:http + fast-xml-parser + template',
      server: ceiling,
      request: soapCall(ceiling.ready.url),
      ok: soapOk,
    },
    {
      key: 'floor',
      name: "floor: the ceiling with the adapter's scan + parse",
      server: floor,
      request: soapCall(floor.ready.url),
      ok: soapOk,
    },
    {
      key: 'ours',
      name: 'our /soap (real server, all middleware)',
      server: real,
      request: soapCall(real.ready.url),
      ok: soapOk,
    },
    {
      key: 'rest',
      name: 'REST GET /api/v1/orders/{id} (same server)',
      server: real,
      request: {
        url: `${real.ready.url}/api/v1/orders/${id}`,
        method: 'GET',
        headers: { Authorization: `Bearer ${BENCH_KEY}` },
      },
      ok: (body) => isJsonOrder(body, id),
    },
    {
      key: 'naive',
      name: 'naive soap.listen (node-soap)',
      server: naive,
      request: soapCall(naive.ready.url),
      ok: soapOk,
    },
  ];
  const rows: Row[] = [];
  for (const c of all) if (only === undefined || only.includes(c.key)) rows.push(await measure(c));
  const by = (key: CaseKey) => rows.find((r) => r.key === key);
  const top = by('ceiling');
  console.log(
    `\nGetOrder, ${CONNECTIONS} connections, ${DURATION_S} s per case (after ${WARMUP_S} s warm-up), loopback`,
  );
  console.table(
    rows.map((r) => ({
      case: r.name,
      'calls/s': Math.round(r.callsPerSec),
      'p99 ms': r.p99,
      'bytes/call': r.wireBytes,
      'vs ceiling': top ? `${(r.callsPerSec / top.callsPerSec).toFixed(2)}x` : 'n/a',
      'CPU µs/call': r.cpuPerCall === undefined ? 'n/a' : Math.round(r.cpuPerCall),
      'cpu ratio':
        top?.cpuPerCall === undefined || r.cpuPerCall === undefined
          ? 'n/a'
          : `${(top.cpuPerCall / r.cpuPerCall).toFixed(2)}x`,
      errors: r.errors,
    })),
  );
  /** calls/s of a over b, and b's CPU per call over a's (the ratio with a core each). */
  const ratio = (a: Row, b: Row) => {
    const cpu =
      a.cpuPerCall && b.cpuPerCall ? `, cpu ${(b.cpuPerCall / a.cpuPerCall).toFixed(2)}×` : '';
    return `${(a.callsPerSec / b.callsPerSec).toFixed(2)}×${cpu}`;
  };
  const [ours, rest, node, bottom] = [by('ours'), by('rest'), by('naive'), by('floor')];
  if (ours && top) {
    const verdict = ours.callsPerSec / top.callsPerSec >= TARGET_VS_CEILING ? 'ok' : 'BELOW TARGET';
    console.log(
      `ours / ceiling:  ${ratio(ours, top)} (target ≥ ${TARGET_VS_CEILING}×: ${verdict})`,
    );
  }
  if (bottom && top) console.log(`floor / ceiling: ${ratio(bottom, top)}`);
  if (ours && bottom)
    console.log(`ours / floor:    ${ratio(ours, bottom)} (what the middleware costs)`);
  if (node && top) console.log(`naive / ceiling: ${ratio(node, top)}`);
  if (ours && node) console.log(`ours / naive:    ${ratio(ours, node)}`);
  if (ours && rest) console.log(`ours / REST GET: ${ratio(ours, rest)}`);
  console.log('bytes/call = one request as sent + one response with headers, read off the socket');
  const failed = rows.filter((r) => r.errors > 0);
  if (failed.length > 0) {
    throw new Error(
      `FAILED CALLS: ${failed.map((r) => `${r.name}: ${r.errors} of ${r.calls}`).join('; ')}`,
    );
  }
} finally {
  for (const s of [real, naive, ceiling, floor]) s.stop();
}
