import type { ScenarioTarget } from '../clients/api-client.js';
import { graphqlClients } from '../clients/graphql-client.js';
import { startTestServer } from '../support/test-server.js';

/** The real server, driven over GraphQL (HTTP POST and graphql-ws). */
export async function openGraphqlTarget(): Promise<ScenarioTarget> {
  const server = await startTestServer();
  return {
    clients: graphqlClients(server.url),
    [Symbol.asyncDispose]: () => server[Symbol.asyncDispose](),
  };
}
