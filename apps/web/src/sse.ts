/** One Server-Sent Events message: `id`, `event` and the joined `data` lines. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Parses one SSE block (the lines between blank lines) as the HTML standard says: comments and
 * `retry:` carry no message, several `data:` lines join with newlines, one leading space goes.
 */
export function parseSseBlock(block: string): SseMessage | null {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { ...(id === undefined ? {} : { id }), event, data: data.join('\n') };
}

/**
 * The messages of an SSE response body as they arrive. `EventSource` cannot send an
 * `Authorization` header and the API never takes keys in URLs, so the console reads the
 * stream with fetch and parses it here.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    // A CR at a chunk's end may be half of a CRLF: keep it until the next chunk decides.
    const raw = buffered + decoder.decode(value, { stream: true });
    const held = raw.endsWith('\r') ? '\r' : '';
    buffered = raw.slice(0, raw.length - held.length).replace(/\r\n?/g, '\n');
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const message = parseSseBlock(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (message) yield message;
      end = buffered.indexOf('\n\n');
    }
    buffered += held;
  }
}
