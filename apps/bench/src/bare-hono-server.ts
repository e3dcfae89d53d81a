/**
 * The framework floor: hono on @hono/node-server (as the REST API is served) doing the same
 * primary-key read and insert as the bare node:http baseline, with no middleware at all. What
 * it costs over node:http is the least any hono API pays. Prints `READY {"url","id"}`.
 */
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openBareStore } from './bare-store.js';

const { read, insert, seedId } = openBareStore();
const json = { 'Content-Type': 'application/json' };

const app = new Hono();
app.get('/orders/:id', (c) => {
  const row = read.get(c.req.param('id'));
  return row ? c.body(row.body, 200, json) : c.body('{}', 404, json);
});
app.post('/orders', async (c) => {
  const order = { id: `ord_${randomUUID()}`, ...(await c.req.json<object>()) };
  const body = JSON.stringify(order);
  insert.run(order.id, body);
  return c.body(body, 201, json);
});

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, ({ port }) => {
  process.stdout.write(
    `READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, id: seedId })}\n`,
  );
});
process.once('SIGTERM', () => process.exit(0));
