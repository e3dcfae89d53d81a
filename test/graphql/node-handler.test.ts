import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createGraphqlNodeHandler,
  createGraphqlYoga,
  type GraphqlYoga,
} from '@commerce/adapter-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from '../support/harness.js';
import { keySeeds, keys } from '../support/keys.js';
import { CREATE_ORDER, ITEMS } from './graphql-kit.js';

/**
 * The node handler's short path must answer exactly what yoga answers. One yoga instance is
 * served twice: by yoga's own node listener and by `createGraphqlNodeHandler`; every request
 * goes to both and the replies are compared.
 */
describe('GraphQL node handler: the short path answers what yoga answers', () => {
  let harness: Harness;
  let yoga: GraphqlYoga;
  let plain: Server;
  let short: Server;
  const urlOf = (server: Server) =>
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return server;
  };

  beforeAll(async () => {
    harness = await openHarness();
    await harness.commerce.auth.seed(keySeeds);
    yoga = createGraphqlYoga({ commerce: harness.commerce });
    const handle = createGraphqlNodeHandler(yoga);
    plain = await listen(createServer(yoga));
    short = await listen(createServer((request, response) => void handle(request, response)));
  });
  afterAll(async () => {
    await Promise.all(
      [plain, short].map((s) => new Promise((resolve) => s?.close(resolve) ?? resolve(null))),
    );
    await harness?.[Symbol.asyncDispose]();
  });

  /** Status, content type and body, with what differs per request (ids) normalized. */
  async function reply(server: Server, init: { headers?: Record<string, string>; body: string }) {
    const response = await fetch(urlOf(server), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body,
    });
    const text = await response.text();
    const normalized = text
      .replace(/"requestId":"[^"]*"/g, '"requestId":"<id>"')
      .replace(/"(ord|pay)_[A-Za-z0-9]+"/g, '"$1_<id>"');
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: normalized,
    };
  }

  async function same(init: { headers?: Record<string, string>; body: string }) {
    // The handler first: what it leaves in yoga's caches must not change yoga's answer.
    const fromHandler = await reply(short, init);
    const fromYoga = await reply(plain, init);
    expect(fromHandler).toEqual(fromYoga);
    return fromHandler;
  }

  const auth = { authorization: `Bearer ${keys.alice}` };
  const json = (value: unknown) => JSON.stringify(value);
  const strict = { accept: 'application/graphql-response+json' };

  it('is on for the adapter’s own yoga (a yoga upgrade that adds HTTP hooks turns it off)', () => {
    expect(createGraphqlNodeHandler(yoga).shortPath).toBe(true);
  });

  it('answers a query and a mutation the same, with data', async () => {
    const created = await same({
      headers: auth,
      body: json({ query: CREATE_ORDER, variables: { input: { items: ITEMS, currency: 'EUR' } } }),
    });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body).data.createOrder.order.status).toBeTypeOf('string');

    const made = await fetch(urlOf(plain), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: json({ query: CREATE_ORDER, variables: { input: { items: ITEMS, currency: 'EUR' } } }),
    });
    const id = ((await made.json()) as { data: { createOrder: { order: { id: string } } } }).data
      .createOrder.order.id;
    const read = await same({
      headers: { ...auth, ...strict },
      body: json({ query: 'query($id: ID!) { order(id: $id) { id amount } }', variables: { id } }),
    });
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body).data.order.amount).toBe(2800);
  });

  it('answers errors the same: auth, not found, syntax (twice: yoga caches it), validation', async () => {
    const missingAuth = await same({
      headers: strict,
      body: json({ query: '{ orders { edges { cursor } } }' }),
    });
    expect(missingAuth.body).toContain('UNAUTHENTICATED');

    const notFound = await same({
      headers: { ...auth, ...strict },
      body: json({ query: '{ order(id: "ord_nope") { id } }' }),
    });
    expect(notFound.body).toContain('errors');

    for (let i = 0; i < 2; i++) {
      const syntax = await same({
        headers: { ...auth, ...strict },
        body: json({ query: '{ orders { ' }),
      });
      expect(syntax.status).toBe(400);
    }
    const validation = await same({
      headers: { ...auth, ...strict },
      body: json({ query: '{ noSuchField }' }),
    });
    expect(validation.status).toBe(400);
    await same({ headers: auth, body: json({ query: '{ noSuchField }' }) });
  });

  it('aborts operations at shutdown as yoga does (the short path folds the signal in itself)', async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const closing = createGraphqlYoga({
      commerce: harness.commerce,
      shutdownSignal: shutdown.signal,
    });
    const handle = createGraphqlNodeHandler(closing);
    const servers = await Promise.all([
      listen(createServer(closing)),
      listen(createServer((request, response) => void handle(request, response))),
    ]);
    try {
      const made = await fetch(urlOf(plain), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: json({
          query: CREATE_ORDER,
          variables: { input: { items: ITEMS, currency: 'EUR' } },
        }),
      });
      const orderId = ((await made.json()) as { data: { createOrder: { order: { id: string } } } })
        .data.createOrder.order.id;
      // Creating a payment checks the operation's signal before it touches the store.
      const init = {
        headers: { ...auth, ...strict },
        body: json({
          query: `mutation($orderId: ID!) {
            createPayment(input: { orderId: $orderId, paymentMethod: PM_CARD_VISA }) { replayed }
          }`,
          variables: { orderId },
        }),
      };
      const [fromYoga, fromHandler] = await Promise.all(servers.map((s) => reply(s, init)));
      expect(fromHandler).toEqual(fromYoga);
      expect(fromHandler?.body).toContain('DEADLINE_EXCEEDED');
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });

  it('hands what it does not serve to yoga: bad JSON, unknown keys, wrong variables', async () => {
    const badJson = await same({ headers: auth, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    await same({ headers: auth, body: json({ query: '{ __typename }', extra: 1 }) });
    const badVariables = await same({
      headers: { ...auth, ...strict },
      body: json({ query: '{ __typename }', variables: [1] }),
    });
    expect(badVariables.status).toBe(400);
  });
});
