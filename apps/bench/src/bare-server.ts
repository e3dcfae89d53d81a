/**
 * The baseline: node:http + better-sqlite3 doing the same primary-key read and order insert as
 * the REST API, on the same schema (bare-store.ts), with no middleware at all. Prints
 * `READY {"url","id"}` on stdout once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from './bare-order.js';
import { type BareOrderInput, openBareStore } from './bare-store.js';

const { readJson, insertJson, seedId } = await openBareStore();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url?.startsWith('/orders/')) {
    const body = readJson(req.url.slice('/orders/'.length));
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(body ?? '{}');
    return;
  }
  readJsonBody<BareOrderInput>(req, (input) => {
    const body = insertJson(input);
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, id: seedId })}\n`,
  );
});
// A clean exit on SIGTERM, so a `--cpu-prof` profile gets written.
process.once('SIGTERM', () => process.exit(0));
