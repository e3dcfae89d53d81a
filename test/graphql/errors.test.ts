import type { CommerceError, Repositories, Store } from '@commerce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { CREATE_ORDER, gql, ITEMS } from './graphql-kit.js';
import { serveYoga } from './in-process-yoga.js';
import { overrideStore } from './store-proxies.js';

const ORDER = `query($id: ID!) { order(id: $id) { id } }`;

/** The first error's code and request id, and the reply's HTTP status. */
async function failure(reply: ReturnType<typeof gql>) {
  const { status, errors } = await reply;
  const [first] = errors ?? [];
  return { status, code: first?.extensions?.code, requestId: first?.extensions?.requestId, first };
}

describe('GraphQL error codes over a real server', () => {
  let server: TestServer;
  let url: string;
  const create = (key: string, variables: Record<string, unknown>) =>
    gql<{ createOrder: { order: { id: string } } }>(url, key, CREATE_ORDER, variables);
  const newOrder = async () =>
    (await create(keys.alice, { input: { items: ITEMS, currency: 'EUR' } })).data?.createOrder.order
      .id ?? '';

  beforeAll(async () => {
    server = await startTestServer();
    url = server.url;
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('carries the request id the server logged and echoed', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-from-client-1' },
      body: JSON.stringify({ query: `{ order(id: "ord_1") { id } }` }),
    });
    const body = (await response.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(response.headers.get('x-request-id')).toBe('req-from-client-1');
    expect(body.errors[0]?.extensions.requestId).toBe('req-from-client-1');
  });

  it('UNAUTHENTICATED without a key or with an unknown one', async () => {
    expect(await failure(gql(url, null, ORDER, { id: 'ord_1' }))).toMatchObject({
      status: 200,
      code: 'UNAUTHENTICATED',
      requestId: expect.stringMatching(/^req_/),
    });
    expect((await failure(gql(url, 'sk_nope', ORDER, { id: 'ord_1' }))).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('INVALID_ARGUMENT with the field violations; NOT_FOUND; PERMISSION_DENIED', async () => {
    const invalid = await failure(create(keys.alice, { input: { items: ITEMS, currency: 'XYZ' } }));
    expect(invalid.code).toBe('INVALID_ARGUMENT');
    expect(invalid.first?.extensions).toMatchObject({
      fieldViolations: [{ field: 'currency' }],
    });
    expect((await failure(gql(url, keys.alice, ORDER, { id: 'ord_0000000000' }))).code).toBe(
      'NOT_FOUND',
    );
    const id = await newOrder();
    expect((await failure(gql(url, keys.bob, ORDER, { id }))).code).toBe('PERMISSION_DENIED');
  });

  it('VERSION_MISMATCH, LOCKED and INVALID_STATE', async () => {
    const id = await newOrder();
    const cancel = (version: number | null) =>
      gql(
        url,
        keys.alice,
        `mutation($id: ID!, $v: Int) { cancelOrder(id: $id, expectedVersion: $v) { id } }`,
        {
          id,
          v: version,
        },
      );
    expect((await failure(cancel(7))).code).toBe('VERSION_MISMATCH');
    const lock = await gql<{ lockOrder: { token: string } }>(
      url,
      keys.alice,
      `mutation($id: ID!) { lockOrder(id: $id) { token } }`,
      { id },
    );
    expect((await failure(cancel(null))).code).toBe('LOCKED');
    await gql(
      url,
      keys.alice,
      `mutation($id: ID!, $t: String!) { unlockOrder(id: $id, lockToken: $t) }`,
      {
        id,
        t: lock.data?.lockOrder.token,
      },
    );
    expect((await cancel(1)).errors).toBeUndefined();
    expect((await failure(cancel(null))).code).toBe('INVALID_STATE');
  });

  it('IDEMPOTENCY_KEY_REUSED for the same key with another request', async () => {
    await create(keys.alice, { input: { items: ITEMS, currency: 'EUR' }, key: 'gql-err-key' });
    const reused = create(keys.alice, {
      input: { items: ITEMS, currency: 'USD' },
      key: 'gql-err-key',
    });
    expect((await failure(reused)).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('RATE_LIMITED once the key’s bucket is empty, with the retry hint', async () => {
    await using limited = await startTestServer({
      RATE_LIMIT_CUSTOMER_CAPACITY: '2',
      RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '0.01',
    });
    const query = () => gql(limited.url, keys.alice, `{ orders { nodes { id } } }`);
    expect((await query()).errors).toBeUndefined();
    expect((await query()).errors).toBeUndefined();
    const refused = await failure(query());
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.first?.extensions).toMatchObject({ retryAfterMs: expect.any(Number) });
  });
});

describe('GraphQL error codes the core raises under failure', () => {
  const breaking = (orders: Partial<Repositories['orders']>) => (store: Store) =>
    overrideStore(store, { orders });

  it('INTERNAL_SERVER_ERROR leaks nothing and reports the cause', async () => {
    const reported: CommerceError[] = [];
    await using yoga = await serveYoga({
      wrapStore: breaking({
        get: () => Promise.reject(new Error('SQLITE_ERROR: no such table: secret_orders')),
      }),
      onInternalError: (error) => reported.push(error),
    });
    const reply = await gql(yoga.url, keys.alice, ORDER, { id: 'ord_1' });
    expect(reply.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(reply.errors?.[0]?.message).toBe('internal error');
    expect(JSON.stringify(reply)).not.toMatch(/SQLITE|secret|stack/i);
    expect(reported[0]?.cause).toMatchObject({ message: expect.stringContaining('SQLITE_ERROR') });
  });

  it('DEADLINE_EXCEEDED when the operation was aborted', async () => {
    const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
    await using yoga = await serveYoga({
      wrapStore: breaking({ get: () => Promise.reject(aborted) }),
    });
    const reply = await gql(yoga.url, keys.alice, ORDER, { id: 'ord_1' });
    expect(reply.errors?.[0]?.extensions?.code).toBe('DEADLINE_EXCEEDED');
  });

  it('IDEMPOTENCY_IN_PROGRESS while the same key is still running', async () => {
    await using yoga = await serveYoga({
      wrapStore: (store) =>
        overrideStore(store, { idempotency: { acquire: async (record) => ({ ...record }) } }),
    });
    const reply = await gql(yoga.url, keys.alice, CREATE_ORDER, {
      input: { items: ITEMS, currency: 'EUR' },
      key: 'in-flight',
    });
    expect(reply.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  });
});
