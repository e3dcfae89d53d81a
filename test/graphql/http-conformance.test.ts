import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('GraphQL-over-HTTP conformance (graphql-http audits) of the live server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  // The audits are generated up front, so each is its own test with the live URL read lazily.
  for (const audit of serverAudits({ url: () => `${server.url}/graphql` })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      // MUST audits have to pass; SHOULD/MAY ones only warn (and are not failures of the spec).
      expect(result.status === 'error' ? result.reason : 'ok').toBe('ok');
    });
  }
});
