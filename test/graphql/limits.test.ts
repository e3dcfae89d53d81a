import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { gql } from './graphql-kit.js';

const NORMAL = `{ orders(first: 5) { edges { node { id payments { id order { id } } } } } }`;

describe('GraphQL query limits (graphql-armor), configured through the environment', () => {
  let server: TestServer;
  const rejection = async (query: string) => {
    const reply = await gql(server.url, keys.alice, query);
    expect(reply.status).toBe(400);
    expect(reply.data).toBeUndefined();
    return reply.errors?.map((e) => e.message).join('\n') ?? '';
  };

  beforeAll(async () => {
    server = await startTestServer({
      GRAPHQL_MAX_DEPTH: '7',
      GRAPHQL_MAX_COST: '500',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_TOKENS: '200',
    });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('runs a normal query', async () => {
    const reply = await gql(server.url, keys.alice, NORMAL);
    expect(reply.errors).toBeUndefined();
    expect(reply.status).toBe(200);
  });

  it('rejects a query nested too deep, naming the depth limit', async () => {
    const deep = `{ orders { nodes { payments { order { payments { order { payments { id } } } } } } } }`;
    expect(await rejection(deep)).toMatch(/depth limit of 7/i);
  });

  it('rejects a query that costs too much, naming the cost limit', async () => {
    const body = NORMAL.slice(1, -1);
    const costly = `{ a: ${body} b: ${body} c: ${body} }`;
    expect(await rejection(costly)).toMatch(/cost limit of 500/i);
  });

  it('rejects too many aliases, naming the alias limit', async () => {
    const aliased = `{ a: orders { nodes { id } } b: orders { nodes { id } } c: orders { nodes { id } } d: orders { nodes { id } } }`;
    expect(await rejection(aliased)).toMatch(/aliases limit of 3/i);
  });

  it('rejects a document with too many tokens, naming the token limit', async () => {
    const long = `{ orders { nodes { ${'id '.repeat(200)} } } }`;
    expect(await rejection(long)).toMatch(/token limit of 200/i);
  });

  it('allows introspection by default', async () => {
    const reply = await gql(server.url, null, `{ __schema { queryType { name } } }`);
    expect(reply.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('GraphQL with introspection off', () => {
  it('refuses introspection and hides field suggestions', async () => {
    await using server = await startTestServer({ GRAPHQL_INTROSPECTION: 'false' });
    const introspection = await gql(server.url, null, `{ __schema { queryType { name } } }`);
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(server.url, keys.alice, `{ ordrs { nodes { id } } }`);
    expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
    const normal = await gql(server.url, keys.alice, NORMAL);
    expect(normal.errors).toBeUndefined();
  });

  it('with the default limits, suggests fields and answers GraphiQL’s introspection query', async () => {
    await using server = await startTestServer();
    const schema = await gql(server.url, null, getIntrospectionQuery());
    expect(schema.errors).toBeUndefined();
    const typo = await gql(server.url, keys.alice, `{ ordrs { nodes { id } } }`);
    expect(typo.errors?.[0]?.message).toMatch(/did you mean/i);
  });
});
