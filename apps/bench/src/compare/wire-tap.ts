import dc from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** Bytes a set of client sockets wrote (requests) and read (responses). */
export interface WireBytes {
  written: number;
  read: number;
}

/**
 * Every client socket this process opens (node:http, fetch, grpc-js's HTTP/2, ws), seen through
 * the `net.client.socket` diagnostics channel, with the remote port it connected to. Counting
 * on the sockets gives bytes on the wire as TCP carries them: headers, HTTP/2 and WebSocket
 * framing, TLS-free loopback. Styles are measured one at a time, so a port's delta over a
 * measurement is that style's traffic.
 */
export class WireTap {
  private readonly ports = new Map<Socket, number>();
  private readonly onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    socket.once('connect', () => {
      // Kept after close: bytesRead/bytesWritten stay readable, remotePort does not.
      if (socket.remotePort !== undefined) this.ports.set(socket, socket.remotePort);
    });
  };

  constructor() {
    dc.subscribe('net.client.socket', this.onSocket);
  }

  /** Totals so far over sockets to `port`. */
  bytes(port: number): WireBytes {
    const total = { written: 0, read: 0 };
    for (const [socket, p] of this.ports) {
      if (p !== port) continue;
      total.written += socket.bytesWritten;
      total.read += socket.bytesRead;
    }
    return total;
  }

  close(): void {
    dc.unsubscribe('net.client.socket', this.onSocket);
  }
}
