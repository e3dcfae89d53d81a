import type { Operation, Style } from './scenario.js';

/** The settings of one comparison run. */
export interface Settings {
  /** Seconds of each measured run (fixed concurrency, then saturation). */
  durationS: number;
  /** Seconds of warm-up before each measured operation (not counted). */
  warmupS: number;
  /** Calls in flight during the latency run. */
  concurrency: number;
  /** Calls in flight during the throughput run. */
  saturation: number;
  /** Order lines per order, one value per payload size measured. */
  items: number[];
  /** Events pushed to every channel. */
  events: number;
  /** Events produced per second during the push run. */
  eventRate: number;
  /** Whether the server was started by the run or was already running. */
  target: 'spawned' | 'running';
}

/** The machine and software the numbers come from. */
export interface Machine {
  os: string;
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  /** Versions of the libraries serving each style. */
  packages: Record<string, string>;
}

/** One style × operation × payload size. */
export interface UnaryResult {
  style: Style['name'];
  operation: Operation;
  items: number;
  /** Calls completed in the latency run (errors are counted separately). */
  calls: number;
  errors: number;
  /** Bytes on the wire per call, read off the client's sockets: headers and framing included. */
  requestBytes: number;
  responseBytes: number;
  /** Application payload per call: bodies (JSON, XML) or protobuf messages. */
  payloadBytes: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Calls/s in the latency run, at `concurrency`. */
  callsPerSecond: number;
  /** Calls/s at `saturation` calls in flight. */
  throughput: number;
  /** Server CPU (user + system) per call over the saturation run, µs. */
  cpuMicrosPerCall: number;
}

/** One push channel. */
export interface PushResult {
  channel: string;
  items: number;
  delivered: number;
  expected: number;
  /** Commit (event `occurred_at`) to client, ms. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Everything the channel's sockets carried during delivery, per event. */
  wireBytesPerEvent: number;
  /** The application messages (event JSON, protobuf, webhook body) per event. */
  payloadBytesPerEvent: number;
  /** wire − payload: HTTP headers, SSE fields, WebSocket frames, HTTP/2 frames. */
  framingBytesPerEvent: number;
}

/** A common claim next to what this run measured. */
export interface Claim {
  claim: string;
  measured: string;
  verdict: 'confirmed' | 'partly' | 'not confirmed';
  explanation: string;
}

/** The whole comparison, plain data: the renderers and the test read only this. */
export interface ComparisonReport {
  generatedAt: string;
  command: string;
  settings: Settings;
  machine: Machine;
  /** How each style learns a payment's outcome. */
  outcomeVia: Record<string, string>;
  unary: UnaryResult[];
  push: PushResult[];
  claims: Claim[];
  /** What each number includes, and anything the run could not measure. */
  notes: string[];
}
