/**
 * The push baseline: node:http + better-sqlite3 and no middleware. `POST /api/v1/orders`
 * inserts the order and writes its event, framed once, to every open `GET /api/v1/events`
 * stream (`id:`/`event:`/`data:` with the fields the bench reads); streams get the `retry:`
 * hint and one shared heartbeat timer. No auth, no log, no replay: what holding and feeding
 * SSE connections costs Node itself. Prints `READY {"url","id"}`; SIGUSR2 is the memory probe.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readNewOrder } from '../bare-order.js';
import { installMemoryProbe } from './memory-probe.js';

const db = new Database(join(mkdtempSync(join(tmpdir(), 'bench-bare-sse-')), 'bare.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE orders (sequence INTEGER PRIMARY KEY, id TEXT NOT NULL, body TEXT NOT NULL)');
const insert = db.prepare<[string, string]>('INSERT INTO orders (id, body) VALUES (?, ?)');

const streams = new Set<ServerResponse>();
const HEARTBEAT = Buffer.from(': keep-alive\n\n');
setInterval(() => {
  for (const stream of streams) stream.write(HEARTBEAT);
}, 15_000).unref();

function removeStream(this: ServerResponse): void {
  streams.delete(this);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/api/v1/events')) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('retry: 3000\n\n');
    streams.add(res);
    res.on('close', removeStream);
    return;
  }
  readNewOrder(req, (order, body) => {
    const sequence = Number(insert.run(order.id, body).lastInsertRowid);
    const event = {
      sequence,
      type: 'order.created',
      occurred_at: new Date().toISOString(),
      data: order,
    };
    const frame = Buffer.from(
      `id: ${sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
    );
    for (const stream of streams) stream.write(frame);
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(body);
  });
});

installMemoryProbe();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, id: '' })}\n`);
});
process.once('SIGTERM', () => process.exit(0));
