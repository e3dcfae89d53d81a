import type { ScenarioTarget } from '../clients/api-client.js';
import { restClients } from '../clients/rest-client.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { startTestServer } from '../support/test-server.js';

/** The real server over HTTP; every response is checked against the served OpenAPI document. */
export async function openRestTarget(): Promise<ScenarioTarget> {
  const server = await startTestServer();
  const contract = await OpenApiContract.load(server.url);
  return {
    clients: restClients(server.url, contract),
    [Symbol.asyncDispose]: () => server[Symbol.asyncDispose](),
  };
}
