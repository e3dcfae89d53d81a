/**
 * The framework floor: hono on @hono/node-server (as the REST API is served) doing the same
 * primary-key read and insert as the bare node:http baseline, with no middleware at all. What
 * it costs over node:http is the least any hono API pays. Prints `READY {"url","id"}`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type BareOrderInput, openBareStore } from './bare-store.js';

const { readJson, insertJson, seedId } = await openBareStore();
const json = { 'Content-Type': 'application/json' };

const app = new Hono();
app.get('/orders/:id', (c) => {
  const body = readJson(c.req.param('id'));
  return body ? c.body(body, 200, json) : c.body('{}', 404, json);
});
app.post('/orders', async (c) => c.body(insertJson(await c.req.json<BareOrderInput>()), 201, json));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, ({ port }) => {
  process.stdout.write(
    `READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, id: seedId })}\n`,
  );
});
process.once('SIGTERM', () => process.exit(0));
