import { readFileSync } from 'node:fs';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { gql } from './graphql-kit.js';

/** The ```graphql blocks of the README's "GraphQL" section, as a reader would paste them. */
function readmeExamples(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('GraphQL\n')) ?? '';
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('the README GraphQL examples, pasted into a running server', () => {
  let server: TestServer;
  const examples = readmeExamples();
  const example = (kind: string) => examples.find((e) => e.startsWith(kind)) ?? '';

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('has a query, a mutation and a subscription', () => {
    expect(examples.map((e) => e.split(' ')[0])).toEqual(['query', 'mutation', 'subscription']);
  });

  it('the mutation creates an order and the query lists it', async () => {
    const created = await gql<{ createOrder: { order: { id: string } } }>(
      server.url,
      keys.alice,
      example('mutation'),
    );
    expect(created.errors).toBeUndefined();
    const listed = await gql<{ orders: { edges: { node: { id: string } }[] } }>(
      server.url,
      keys.alice,
      example('query'),
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.orders.edges.map((e) => e.node.id)).toContain(
      created.data?.createOrder.order.id,
    );
  });

  it('the subscription streams the order events over SSE', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent(example('subscription'))}`;
    const source = new EventSource(url, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...init?.headers, authorization: `Bearer ${keys.alice}` },
        }),
    });
    try {
      const first = await new Promise<{ data: { events: { type: string } } }>((resolve, reject) => {
        source.addEventListener('next', (event) => resolve(JSON.parse(event.data)));
        source.addEventListener('error', reject);
      });
      expect(first.data.events.type).toBe('ORDER_CREATED');
    } finally {
      source.close();
    }
  });
});
