import type { ScenarioTarget } from '../clients/api-client.js';
import { soapClients } from '../clients/soap-client.js';
import { startTestServer } from '../support/test-server.js';

/** The real server, called over SOAP by a client generated from its served WSDL. */
export async function openSoapTarget(): Promise<ScenarioTarget> {
  const testServer = await startTestServer();
  return {
    clients: soapClients(testServer.url),
    [Symbol.asyncDispose]: () => testServer[Symbol.asyncDispose](),
  };
}
