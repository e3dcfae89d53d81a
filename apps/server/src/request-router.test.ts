import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestRouter } from './request-router.js';

describe('request router', () => {
  let server: Server;
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  /** A server whose app answers `app`, with a tracking listener before it and `/soap` routed. */
  async function serve() {
    const seen: string[] = [];
    server = createServer((_request, response) => response.end('app'));
    server.prependListener('request', (request) => seen.push(request.url ?? ''));
    const router = createRequestRouter(server);
    router.route('/soap', (_request, response) => response.end('soap'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (path: string) => (await fetch(`${base}${path}`)).text();
    return { router, seen, get };
  }

  it('answers the path, with a trailing slash or a query, and sends the rest to the app', async () => {
    const { get, seen } = await serve();
    expect(await get('/soap')).toBe('soap');
    expect(await get('/soap/')).toBe('soap');
    expect(await get('/soap?wsdl')).toBe('soap');
    expect(await get('/soap/?wsdl')).toBe('app');
    expect(await get('/soapy')).toBe('app');
    expect(await get('/soap/x')).toBe('app');
    expect(await get('/')).toBe('app');
    // The listener before the app (the server's in-flight tracking) saw every request.
    expect(seen).toEqual([
      '/soap',
      '/soap/',
      '/soap?wsdl',
      '/soap/?wsdl',
      '/soapy',
      '/soap/x',
      '/',
    ]);
  });

  it('refuses a second listener for a path', async () => {
    const { router } = await serve();
    expect(() => router.route('/soap', () => {})).toThrow(/exists already/);
  });
});
