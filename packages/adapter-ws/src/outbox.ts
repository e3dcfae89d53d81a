import WebSocket from 'ws';

/** Sends JSON frames on one socket, making senders wait while the socket is backed up. */
export interface Outbox {
  /**
   * Sends `frame`. Resolves at once while the socket's queue is below the high-water mark;
   * above it, once the queue has drained up to this frame (or the socket has closed), so a
   * subscription that awaits each send stops reading the log while the client is slow.
   */
  send(frame: Record<string, unknown>): Promise<void>;
}

/** An outbox for `socket` with the given high-water mark in bytes. */
export function createOutbox(socket: WebSocket, highWaterBytes: number): Outbox {
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    send(frame) {
      if (socket.readyState !== WebSocket.OPEN) return Promise.resolve();
      // ws calls back once the frame is handed to the kernel (or with an error); a socket that
      // closes first ends the wait too.
      const flushed = new Promise<void>((resolve) => {
        socket.send(JSON.stringify(frame), () => resolve());
      });
      return socket.bufferedAmount > highWaterBytes
        ? Promise.race([flushed, closed])
        : Promise.resolve();
    },
  };
}
