/** One SSE block: a message (`id`, `event`, `data`), a `retry:` hint or a `:` comment. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

export interface SseConnection {
  response: Response;
  /** Frames as they arrive; ends when the server ends the stream. */
  frames: AsyncGenerator<SseFrame>;
  /** Drops the connection, as a client that goes away. */
  disconnect(): void;
}

function parseBlock(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      frame.comment = line.slice(1).trim();
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') frame.id = value;
    else if (field === 'event') frame.event = value;
    else if (field === 'data')
      frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
    else if (field === 'retry') frame.retry = Number(value);
  }
  return frame;
}

async function* readFrames(body: ReadableStream<Uint8Array>): AsyncGenerator<SseFrame> {
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end = buffered.indexOf('\n\n');
      while (end !== -1) {
        yield parseBlock(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf('\n\n');
      }
    }
  } catch (error) {
    // A dropped connection ends the frames like a closed one; the test decides what it means.
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    reader.releaseLock();
  }
}

/**
 * A raw SSE client over fetch, so tests control exactly when the connection drops and what
 * `Last-Event-ID` the reconnect sends. Non-2xx answers come back with empty frames.
 */
export async function openSse(
  baseUrl: string,
  path: string,
  options: { key: string; lastEventId?: string; headers?: Record<string, string> },
): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${path}`, {
    headers: {
      Accept: 'text/event-stream',
      Authorization: `Bearer ${options.key}`,
      ...(options.lastEventId === undefined ? {} : { 'Last-Event-ID': options.lastEventId }),
      ...options.headers,
    },
    signal: controller.signal,
  });
  const frames =
    response.ok && response.body ? readFrames(response.body) : (async function* () {})();
  return { response, frames, disconnect: () => controller.abort() };
}

/** The next message frame (skipping `retry:` and comments), or undefined when the stream ended. */
export async function nextMessage(frames: AsyncGenerator<SseFrame>): Promise<SseFrame | undefined> {
  for (;;) {
    const { done, value } = await frames.next();
    if (done) return undefined;
    if (value.id !== undefined) return value;
  }
}
