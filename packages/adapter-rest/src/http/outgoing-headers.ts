import type { Context } from 'hono';
import type { RestEnv } from '../env.js';

/** What the REST app needs of node's `ServerResponse` (`c.env.outgoing` under @hono/node-server). */
interface NodeOutgoing {
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
}

/** The node response still to be written, when the app runs under @hono/node-server. */
function nodeOutgoing(c: Context<RestEnv>): NodeOutgoing | undefined {
  const outgoing = (c.env as { outgoing?: Partial<NodeOutgoing> } | undefined)?.outgoing;
  return typeof outgoing?.setHeader === 'function' && outgoing.headersSent === false
    ? (outgoing as NodeOutgoing)
    : undefined;
}

/**
 * Adds headers to this request's response, whatever produced it (a route, a problem, hono).
 *
 * Under @hono/node-server they go straight onto node's `ServerResponse`, which merges them into
 * the head it writes once the app has answered: the Response keeps its plain header object and
 * no WHATWG `Headers` is built, set, sorted and copied back (~10 µs a request). Elsewhere
 * (`app.request()`, other runtimes) they are set on `c.res.headers`. Only for headers the
 * Response itself does not carry: node lets the Response's own value win.
 *
 * `vary` lists the request headers the response varies on (see `varyOn`); with `merge`, they
 * are appended to a `Vary` the Response already has (the CORS grant writes one).
 *
 * A handler that writes node's head itself (`streamHead` set) gets them in that object instead:
 * node keeps every header set with `setHeader` for the life of the response, ~1.3 KB an open
 * SSE stream, while headers passed whole to `writeHead` are only formatted into the head.
 */
export function addResponseHeaders(
  c: Context<RestEnv>,
  headers: Record<string, string>,
  vary: readonly string[] | undefined,
  merge: boolean,
): void {
  const streamHead = c.get('streamHead');
  if (streamHead) {
    Object.assign(streamHead, headers);
    // A CORS grant's own `Vary: Origin` reaches the head separately, from the hono Response.
    if (vary) streamHead.Vary = vary.join(', ');
    return;
  }
  const outgoing = nodeOutgoing(c);
  if (outgoing) {
    for (const name in headers) outgoing.setHeader(name, headers[name] as string);
    if (vary && !merge) outgoing.setHeader('Vary', vary.join(', '));
    if (!vary || !merge) return;
  } else {
    const target = c.res.headers;
    for (const name in headers) target.set(name, headers[name] as string);
  }
  if (vary) for (const name of vary) c.res.headers.append('Vary', name);
}

/** Records that the response varies on request header `name` (written by the REST pipeline). */
export function varyOn(c: Context<RestEnv>, name: string): void {
  const vary = c.get('vary');
  if (vary === undefined) c.set('vary', [name]);
  else if (!vary.includes(name)) vary.push(name);
}
