import type { Claim, PushResult, UnaryResult } from './report.js';
import { OPERATIONS } from './scenario.js';

const geomean = (values: number[]) =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / Math.max(1, values.length));
const x = (value: number) => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
const range = (values: number[]) => `${x(Math.min(...values))}–${x(Math.max(...values))}`;

/**
 * The single-call operations: "pay" is excluded from the claims because each style learns the
 * outcome differently (a stream, a long poll, several polls), so it compares mechanisms, not
 * encodings or protocol stacks.
 */
const SINGLE_CALL = OPERATIONS.filter((op) => op !== 'pay');

/** Per single-call operation, `of(a) / of(b)` for styles a and b (rows of one payload size). */
function ratios(
  rows: UnaryResult[],
  a: string,
  b: string,
  of: (row: UnaryResult) => number,
): number[] {
  return SINGLE_CALL.flatMap((op) => {
    const ra = rows.find((r) => r.style === a && r.operation === op);
    const rb = rows.find((r) => r.style === b && r.operation === op);
    return ra && rb ? [of(ra) / of(rb)] : [];
  });
}

function grpcVersusRest(rows: UnaryResult[]): Claim {
  const throughput = ratios(rows, 'gRPC', 'REST', (r) => r.throughput);
  const latency = ratios(rows, 'REST', 'gRPC', (r) => r.p50Ms);
  const cpu = ratios(rows, 'REST', 'gRPC', (r) => r.cpuMicrosPerCall);
  const overall = geomean([...throughput, ...latency]);
  return {
    claim: 'gRPC is ~10x faster than REST',
    measured: `gRPC/REST throughput ${range(throughput)}, REST/gRPC p50 latency ${range(latency)}, REST/gRPC server CPU per call ${range(cpu)} (geometric mean of throughput and latency: ${x(overall)})`,
    verdict: overall >= 7 ? 'confirmed' : overall >= 1.5 ? 'partly' : 'not confirmed',
    explanation: `${
      overall >= 7
        ? 'gRPC is about an order of magnitude faster here.'
        : overall >= 1.5
          ? 'gRPC is faster here, but nowhere near 10×.'
          : overall > 1 / 1.5
            ? 'No meaningful speed difference here.'
            : 'gRPC is slower here, in latency and throughput alike.'
    } Both styles run the same core, store, auth and rate limit, which dominate a call: the encoding and transport are the smaller part. Server CPU per call, which the load generator on the same CPUs does not disturb, shows the server-side difference alone. Over create, get, list and update.`,
  };
}

function soapVersusJson(rows: UnaryResult[]): Claim {
  const payload = ratios(rows, 'SOAP', 'REST', (r) => r.payloadBytes);
  const wire = ratios(rows, 'SOAP', 'REST', (r) => r.requestBytes + r.responseBytes);
  const inside = payload.filter((r) => r >= 10 && r <= 100).length;
  return {
    claim: 'SOAP payloads are 10–100x larger than JSON',
    measured: `SOAP/REST payload (bodies) ${range(payload)}, on the wire with headers ${range(wire)}`,
    verdict: inside === payload.length ? 'confirmed' : inside > 0 ? 'partly' : 'not confirmed',
    explanation:
      inside === payload.length
        ? 'SOAP is 10–100× larger here.'
        : 'Same data both ways: XML tags and the envelope (with its WS-Security header) make SOAP larger by a small factor; JSON names every value too, so the ratio stays far below 10×. Over create, get, list and update.',
  };
}

function pushFraming(push: PushResult[]): Claim {
  const framing = (name: string) => push.find((p) => p.channel === name)?.framingBytesPerEvent;
  const checks: [string, number | undefined, (v: number) => boolean, string][] = [
    ['WebSocket', framing('WebSocket'), (v) => v >= 2 && v <= 14, '2–14'],
    ['SSE', framing('SSE'), (v) => v >= 10 && v <= 50, '10–50'],
    ['long polling', framing('long polling'), (v) => v >= 400, '400+'],
  ];
  const held = checks.filter(([, v, ok]) => v !== undefined && ok(v));
  return {
    claim: 'WebSocket 2–14 bytes/message, SSE 10–50, long polling 400+',
    measured: checks
      .map(
        ([name, v, , claimed]) =>
          `${name} ${v === undefined ? 'n/a' : v.toFixed(0)} B (claimed ${claimed})`,
      )
      .join(', '),
    verdict:
      held.length === checks.length ? 'confirmed' : held.length > 0 ? 'partly' : 'not confirmed',
    explanation:
      'Framing = bytes on the sockets per event minus the event message itself (WebSocket frame headers; SSE id/event/data fields and HTTP chunk framing; long polling: a whole HTTP request and response head per batch).',
  };
}

/** Each common claim, checked against this run's numbers for payload size `items`. */
export function evaluateClaims(unary: UnaryResult[], push: PushResult[], items: number): Claim[] {
  const rows = unary.filter((r) => r.items === items);
  return [
    grpcVersusRest(rows),
    soapVersusJson(rows),
    pushFraming(push.filter((p) => p.items === items)),
  ];
}
