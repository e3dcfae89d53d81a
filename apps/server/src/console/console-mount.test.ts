import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { consoleMount } from './console-mount.js';

const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const runtime = { config: loadConfig({}), shutdownSignal: new AbortController().signal };
const { app } = consoleMount(runtime, join(dist, 'dist'));

describe('console mount', () => {
  it('redirects / and /console to /console/', async () => {
    for (const path of ['/', '/console']) {
      const response = await app.request(path);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/console/');
    }
  });

  it('answers 503 with how to build it while apps/web/dist is missing', async () => {
    const response = await app.request('/console/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm build');
  });

  it('serves the built page (revalidated) and its fingerprinted assets (immutable)', async () => {
    mkdirSync(join(dist, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dist, 'dist', 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'dist', 'assets', 'index-abc.js'), 'export {};');
    const page = await app.request('/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>console</title>');
    const asset = await app.request('/console/assets/index-abc.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await app.request('/console/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBeNull();
  });

  it('bridges only unary methods of the commerce services, and only their messages', async () => {
    const post = (path: string, body: string) =>
      app.request(`/console/api/grpc/${path}`, { method: 'POST', body });
    expect((await post('commerce.v1.Nope/GetOrder', '{}')).status).toBe(404);
    expect((await post('commerce.v1.EventService/WatchEvents', '{}')).status).toBe(404);
    const bad = await post('commerce.v1.OrderService/GetOrder', '{"no_such_field":1}');
    expect(bad.status).toBe(400);
  });
});
