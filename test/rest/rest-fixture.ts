import { OpenApiContract } from '../support/openapi-contract.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

export interface RestCall {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export interface RestFixture extends AsyncDisposable {
  server: TestServer;
  /** A real HTTP request; every /api/v1 response is checked against the served OpenAPI document. */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; headers?: Record<string, string>; body?: unknown },
  ): Promise<RestCall>;
}

/** The real server on a free port, and a contract-checked fetch to it. */
export async function openRestFixture(env: Record<string, string> = {}): Promise<RestFixture> {
  const server = await startTestServer(env);
  const contract = await OpenApiContract.load(server.url);
  return {
    server,
    async call(method, path, options = {}) {
      const key = options.key === undefined ? 'sk_test_alice' : options.key;
      const headers: Record<string, string> = {
        ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      };
      const body =
        typeof options.body === 'string' || options.body === undefined
          ? options.body
          : JSON.stringify(options.body);
      const url = `${server.url}${path}`;
      const response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      if (path.startsWith('/api/v1/') && method !== 'OPTIONS')
        contract.check(method, url, response, text);
      const parsed = text !== '' && text.startsWith('{') ? JSON.parse(text) : {};
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    [Symbol.asyncDispose]: () => server[Symbol.asyncDispose](),
  };
}

export const orderBody = {
  items: [{ sku: 'sku-book', quantity: 2, unit_price: 1250 }],
  currency: 'EUR',
};
