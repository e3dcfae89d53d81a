import type { Readable, Writable } from 'node:stream';

/**
 * Writes one message and resolves when the stream can take more: at once while `write()`
 * returns true, else on 'drain' — so a producer that awaits this never runs ahead of a slow
 * client by more than the stream's high-water mark (grpc-js completes a write only once HTTP/2
 * flow control let it out). Rejects when `signal` fires: a cancelled call never drains.
 */
export function writeMessage(
  stream: Writable,
  message: unknown,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (stream.write(message)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: unknown) => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => settle();
    const onAbort = () => settle(signal.reason);
    const onClose = () => settle(new Error('the stream closed before it drained'));
    stream.once('drain', onDrain);
    stream.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The messages of a client stream, in order, until the client half-closes; rejects with the
 * signal's reason when it fires (a cancelled call may never end its stream).
 */
export async function* readMessages<T>(stream: Readable, signal: AbortSignal): AsyncGenerator<T> {
  // Not the default iterator: it destroys the stream at the end, and a bidi call's stream is
  // also the way back to the client, which must stay open after the client half-closes.
  const iterator: AsyncIterator<T> = stream.iterator({ destroyOnReturn: false });
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  for (;;) {
    const next = await Promise.race([iterator.next(), aborted]);
    if (next.done) return;
    yield next.value;
  }
}
