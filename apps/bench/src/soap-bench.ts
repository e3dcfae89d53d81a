/**
 * `pnpm bench:soap`: GetOrder of the same order with the same API key, in one run, over
 *  1. our `/soap` on the real server (PasswordText UsernameToken, every middleware on),
 *  2. the REST GET of that order on the same server,
 *  3. `soap.listen` (node-soap) serving commerce.wsdl naively, reading the same SQLite row,
 *  4. the ceiling: node:http + fast-xml-parser + the same row + a response template.
 * Each server runs in its own process; loopback, bounded duration. Prints calls/s, p99 and bytes
 * on the wire per call (request + response), and ratios to the ceiling. Every response is checked
 * (HTTP 200, not a fault, carries the order): any error fails the bench.
 * BENCH_SOAP_CPU_PROF=dir writes a `--cpu-prof` profile of the real server into dir.
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  BENCH_KEY,
  getOrderEnvelope,
  isJsonOrder,
  isSoapOrder,
  SOAP_HEADERS,
} from './soap/envelopes.js';
import { spawnReady } from './soap/spawn.js';
import { probe, type RawRequest } from './soap/wire.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 1);
const CONNECTIONS = 50;
/** The issue's target for our endpoint against the ceiling (naive soap.listen: about 0.5×). */
const TARGET_VS_CEILING = 0.75;

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

interface Case {
  name: string;
  request: RawRequest;
  /** Whether a response body is a successful GetOrder of the order. */
  ok: (body: string) => boolean;
}

interface Row {
  name: string;
  callsPerSec: number;
  p99: number;
  wireBytes: number;
  calls: number;
  errors: number;
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
  const result = await run(c, DURATION_S);
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  if (errors > 0) console.error(`${c.name}: ${errors} failed calls of ${result.requests.total}`);
  return {
    name: c.name,
    callsPerSec: result.requests.average,
    p99: result.latency.p99,
    wireBytes: first.requestBytes + first.responseBytes,
    calls: result.requests.total,
    errors,
  };
}

const profileDir = process.env.BENCH_SOAP_CPU_PROF;
const real = await spawnReady<{ url: string; id: string; db: string }>(
  script('./soap/real-server.ts'),
  {},
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
);
const { id, db } = real.ready;
const env = { BENCH_SOAP_DB: db };
const naive = await spawnReady<{ url: string }>(script('./soap/naive-server.ts'), env);
const ceiling = await spawnReady<{ url: string }>(script('./soap/ceiling-server.ts'), env);
try {
  const soapCall = (base: string): RawRequest => ({
    url: `${base}/soap`,
    method: 'POST',
    headers: SOAP_HEADERS,
    body: getOrderEnvelope(id),
  });
  const soapOk = (body: string) => isSoapOrder(body, id);
  const cases: Case[] = [
    {
      name: 'ceiling: node:http + fast-xml-parser + template',
      request: soapCall(ceiling.ready.url),
      ok: soapOk,
    },
    {
      name: 'our /soap (real server, all middleware)',
      request: soapCall(real.ready.url),
      ok: soapOk,
    },
    {
      name: 'REST GET /api/v1/orders/{id} (same server)',
      request: {
        url: `${real.ready.url}/api/v1/orders/${id}`,
        method: 'GET',
        headers: { Authorization: `Bearer ${BENCH_KEY}` },
      },
      ok: (body) => isJsonOrder(body, id),
    },
    { name: 'naive soap.listen (node-soap)', request: soapCall(naive.ready.url), ok: soapOk },
  ];
  const rows: Row[] = [];
  for (const c of cases) rows.push(await measure(c));
  const [top, ours, rest, node] = rows;
  console.log(
    `\nGetOrder, ${CONNECTIONS} connections, ${DURATION_S} s per case (after ${WARMUP_S} s warm-up), loopback`,
  );
  console.table(
    rows.map((r) => ({
      case: r.name,
      'calls/s': Math.round(r.callsPerSec),
      'p99 ms': r.p99,
      'bytes/call': r.wireBytes,
      'vs ceiling': top ? `${(r.callsPerSec / top.callsPerSec).toFixed(2)}x` : '',
      errors: r.errors,
    })),
  );
  if (top && ours && rest && node) {
    const vsCeiling = ours.callsPerSec / top.callsPerSec;
    const verdict = vsCeiling >= TARGET_VS_CEILING ? 'ok' : 'BELOW TARGET';
    console.log(
      `ours / ceiling:  ${vsCeiling.toFixed(2)}× (target ≥ ${TARGET_VS_CEILING}×: ${verdict})`,
    );
    console.log(`naive / ceiling: ${(node.callsPerSec / top.callsPerSec).toFixed(2)}×`);
    console.log(`ours / naive:    ${(ours.callsPerSec / node.callsPerSec).toFixed(2)}×`);
    console.log(`ours / REST GET: ${(ours.callsPerSec / rest.callsPerSec).toFixed(2)}×`);
    console.log(
      'bytes/call = one request as sent + one response with headers, read off the socket',
    );
  }
  const failed = rows.filter((r) => r.errors > 0);
  if (failed.length > 0) {
    throw new Error(
      `FAILED CALLS: ${failed.map((r) => `${r.name}: ${r.errors} of ${r.calls}`).join('; ')}`,
    );
  }
} finally {
  for (const s of [real, naive, ceiling]) s.stop();
}
