import type { Socket } from 'node:net';

/** One push client under measurement: when each event reached it, and what its sockets carried. */
export interface Subscriber {
  /** Resolves once the subscription is established (headers, welcome + ack, or first poll sent). */
  ready: Promise<void>;
  /** Delivery latency (ms, commit to client) by event sequence. */
  latencies: Map<number, number>;
  /** Bytes of the application messages received (event JSON, frames' payload), no framing. */
  payload: { bytes: number };
  close(): void;
}

/** Sums what a set of sockets read and wrote: bytes on the wire, headers and framing included. */
export class WireMeter {
  private readonly sockets = new Set<Socket>();

  track(socket: Socket): void {
    this.sockets.add(socket);
  }

  bytes(): number {
    let total = 0;
    for (const socket of this.sockets) total += socket.bytesRead + socket.bytesWritten;
    return total;
  }
}

/**
 * Records one received event: its latency from `occurred_at` (same machine, same clock).
 * `occurred_at` has millisecond resolution; the sub-millisecond clock on this side keeps a fast
 * delivery from reading as 0 ms (the latency reads up to 1 ms high instead).
 */
export function record(
  latencies: Map<number, number>,
  event: { sequence: number; occurred_at: string },
): void {
  if (!latencies.has(event.sequence)) {
    const now = performance.timeOrigin + performance.now();
    latencies.set(event.sequence, now - Date.parse(event.occurred_at));
  }
}
