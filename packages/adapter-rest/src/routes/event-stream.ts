import { ServerResponse } from 'node:http';
import type { DomainEvent, EventFeed, EventSink, StreamSlot } from '@commerce/core';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { RestEnv } from '../env.js';
import { wireEvent } from '../wire.js';
import type { HubStream, SseHub } from './sse-hub.js';

/** Headers of an SSE response: never cached or transformed, never buffered by a proxy. */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

/** How long an EventSource waits before it reconnects (the `retry:` field). */
export const SSE_RETRY_MS = 3_000;

const RETRY = Buffer.from(`retry: ${SSE_RETRY_MS}\n\n`);
const HEARTBEAT = Buffer.from(': keep-alive\n\n');

// The live tail hands the same event object to every subscriber: frame it once, not per stream.
const frames = new WeakMap<DomainEvent, Buffer>();

/** `id:` = sequence, `event:` = type, `data:` = the REST wire shape (JSON has no raw newlines). */
function frameOf(event: DomainEvent): Buffer {
  let frame = frames.get(event);
  if (!frame) {
    const data = JSON.stringify(wireEvent(event));
    frame = Buffer.from(`id: ${event.sequence}\nevent: ${event.type}\ndata: ${data}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

/** Where a stream's bytes go: node's `ServerResponse` itself, or a web stream (`webBody`). */
interface SseWire {
  /** False when the wire's buffer is full: wait for the wire to ask for more. */
  write(chunk: Uint8Array): boolean;
  /** Node's: listens for the buffer to empty (a web stream pulls instead). */
  once?(event: 'drain', listener: () => void): unknown;
  end(): void;
  destroy(error?: Error): void;
}

/**
 * One open SSE stream: the sink of its event feed, written synchronously as events arrive (a
 * single frame as is, a batch in one chunk). Back-pressure is the wire's own: a full buffer
 * pauses the feed until the wire drains. Its feed, stream slot and hub entry are released once,
 * whatever ends it (client gone, server shutting down, a store error).
 */
class SseStream implements EventSink, HubStream {
  idleTicks = 0;
  private readonly feed: EventFeed;
  private readonly slot: StreamSlot;
  private wire: SseWire | undefined;
  private ended = false;

  /** Opens the feed first: bad input throws before a slot is taken; neither starts yet. */
  constructor(
    private readonly hub: SseHub,
    follow: (sink: EventSink) => EventFeed,
    openSlot: () => StreamSlot,
  ) {
    this.feed = follow(this);
    this.slot = openSlot();
  }

  /** Writes the `retry:` hint and starts the feed. */
  start(wire: SseWire): void {
    if (this.ended) return;
    this.wire = wire;
    wire.write(RETRY);
    this.hub.add(this);
    this.feed.resume();
  }

  write(events: DomainEvent[]): boolean {
    this.idleTicks = 0;
    const [first] = events;
    const chunk =
      events.length === 1 && first ? frameOf(first) : Buffer.concat(events.map(frameOf));
    const wire = this.wire as SseWire;
    if (wire.write(chunk)) return true;
    // Listened for only while full: an idle stream holds no 'drain' listener.
    wire.once?.('drain', () => this.resume());
    return false;
  }

  heartbeat(): void {
    this.idleTicks = 0;
    this.wire?.write(HEARTBEAT);
  }

  /** The wire drained, or a web stream pulls. */
  resume(): void {
    this.feed.resume();
  }

  end(): void {
    if (this.release()) this.wire?.end();
  }

  fail(error: unknown): void {
    // Cut, not ended: the client reconnects with Last-Event-ID and resumes where it was.
    if (this.release()) this.wire?.destroy(error instanceof Error ? error : undefined);
  }

  /** True the first time: the stream was still open. */
  private release(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.feed.close();
    this.slot.release();
    this.hub.delete(this);
    return true;
  }
}

/** Node's response when served by @hono/node-server over HTTP/1 and nothing was written yet. */
function nodeResponse(c: Context<RestEnv>): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  // HTTP/2's response has another API: it gets the web stream.
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : undefined;
}

/** Headers middleware put on the hono Response (a CORS grant does), for node's head. */
function honoHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  if (response === RESPONSE_ALREADY_SENT) return headers;
  response.headers.forEach((value, name) => {
    if (name !== 'x-hono-already-sent' && name !== 'content-type') headers[name] = value;
  });
  return headers;
}

/** Writes the head once the middleware are done (see `nodeStream`), then starts the stream. */
function startNodeStream(c: Context<RestEnv>, outgoing: ServerResponse, stream: SseStream): void {
  if (outgoing.headersSent || outgoing.destroyed) {
    stream.end();
    return;
  }
  // Passed whole with no header set on node's response before (see `streamHead`): node formats
  // them into the head and keeps none of them for the life of the stream.
  outgoing.writeHead(200, { ...c.get('streamHead'), ...honoHeaders(c.res), ...SSE_HEADERS });
  // Sends the head on its own: node then writes `_header` itself to the socket, which flattens
  // that string in place. Sent with the first chunk instead it stays a tree of ~50 concatenated
  // strings for the whole connection (~1.2 KB an open stream).
  outgoing.flushHeaders();
  stream.start(outgoing);
}

/**
 * Streams straight onto node's `ServerResponse`: the handler answers @hono/node-server's
 * `RESPONSE_ALREADY_SENT`, so no fetch `Response`, body stream, reader loop or hono context
 * stays referenced by an open stream (no closure here captures `c`). The head is written on the
 * next turn of the event loop, once the middleware have run their after-`next()` part: their
 * headers (request id, rate limits, `Vary`) were collected in `streamHead` meanwhile, a CORS
 * grant's on the hono Response. If an error answer went out instead (a middleware threw), the
 * stream is released unwritten.
 */
function nodeStream(c: Context<RestEnv>, outgoing: ServerResponse, stream: SseStream): Response {
  c.set('streamHead', {});
  // `on`, not `once` (its wrapper costs ~100 bytes a stream): `end` runs once anyway.
  outgoing.on('close', () => stream.end());
  setImmediate(startNodeStream, c, outgoing, stream);
  return RESPONSE_ALREADY_SENT;
}

/** Elsewhere (`app.request()`, other runtimes): a pull-based web stream body. */
function webStream(c: Context<RestEnv>, stream: SseStream): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stream.start({
        write(chunk) {
          controller.enqueue(chunk);
          return (controller.desiredSize ?? 0) > 0;
        },
        end() {
          try {
            controller.close();
          } catch {
            // The client cancelled: the stream is closed already.
          }
        },
        destroy: (error) => controller.error(error),
      });
    },
    pull: () => stream.resume(),
    cancel: () => stream.end(),
  });
  return c.body(body, 200, SSE_HEADERS);
}

/**
 * Answers an SSE request: opens the feed (validating the query) and a stream slot (429 when
 * none is left) before anything is written, then streams. Ends when the client goes away or
 * the hub shuts down.
 */
export function eventStream(
  c: Context<RestEnv>,
  hub: SseHub,
  follow: (sink: EventSink) => EventFeed,
  openSlot: () => StreamSlot,
): Response {
  const stream = new SseStream(hub, follow, openSlot);
  const outgoing = nodeResponse(c);
  return outgoing ? nodeStream(c, outgoing, stream) : webStream(c, stream);
}
