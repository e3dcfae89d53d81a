import type { Settings, UnaryResult } from './report.js';

/** What each number in the report includes, for readers who compare it with other benchmarks. */
export function notesFor(settings: Settings, cpuKnown: boolean, unary: UnaryResult[]): string[] {
  const slowPayments = unary
    .filter((r) => r.operation === 'pay' && r.p99Ms >= 400)
    .map((r) => r.style);
  return [
    'One server process serves every style; styles and operations are measured one after another on loopback, each after a warm-up, with the same orders (same lines, same admin API key).',
    'Bytes per call: what the client sockets wrote (request) and read (response) during the latency run, divided by the calls: HTTP/1.1 headers, HTTP/2 frames and HPACK, chunking, everything but TCP/IP headers. HTTP/1.1 styles reuse keep-alive connections; gRPC multiplexes every call on one HTTP/2 connection. Payload = bodies (JSON, XML envelope) or protobuf messages only.',
    'Latency: client-side, per call, at a fixed number of calls in flight (closed loop, each worker calls again as soon as it has an answer). Throughput: completed calls/s with more calls in flight. The load generator runs on the same machine and competes for its CPUs, so absolute throughput is a floor.',
    cpuKnown
      ? 'Server CPU per call: user + system time of the server process (/proc/<pid>/stat) over the throughput run, divided by its calls; it includes the job worker settling payments and the event tail feeding live readers. It is the number least affected by other load on the machine.'
      : 'Server CPU per call: not measured (a running server was targeted without --pid).',
    '"create payment + learn outcome" is one scenario step and may take several calls (polling styles poll every 5 ms); its bytes and CPU are per step. Each step pays a fresh order created before the run (outside its numbers).',
    `Push: one subscriber per channel, all open at once from the same log position; ${settings.events} orders are created over REST at ${settings.eventRate}/s and each channel receives the same ${settings.events} order.created events. Latency is commit (the event's occurred_at, millisecond resolution, so up to 1 ms high) to arrival at the client. Webhooks are delivered by the server's job queue, one POST per event on a fresh connection.`,
    'Framing per event = wire bytes − the message bytes (event JSON for SSE, the WebSocket/graphql-ws message for WebSocket and GraphQL, protobuf for gRPC, the response body for long polling, the delivery body for webhooks).',
    ...(slowPayments.length === 0
      ? []
      : [
          `Payments that take ~500 ms (p99 of ${[...new Set(slowPayments)].join(', ')}): the payment job waited for the job worker's 500 ms poll. A commit notified while the worker is busy leasing is not remembered (packages/core/src/jobs/job-worker.ts), so a payment created right after another one settles can wait a full poll; REST's long poll answers the instant a payment settles, so its next payment hits that window most often. This is the core's, not the protocol's.`,
        ]),
  ];
}
