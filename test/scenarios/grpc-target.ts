import type { ScenarioTarget } from '../clients/api-client.js';
import { grpcClients } from '../clients/grpc-client.js';
import { startTestServer } from '../support/test-server.js';

/** The real server, reached over its gRPC port with the client built from the generated code. */
export async function openGrpcTarget(): Promise<ScenarioTarget> {
  const test = await startTestServer();
  return {
    clients: grpcClients(`127.0.0.1:${test.server.grpcPort}`),
    [Symbol.asyncDispose]: () => test[Symbol.asyncDispose](),
  };
}
