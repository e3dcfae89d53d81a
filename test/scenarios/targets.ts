import type { ScenarioTarget } from '../clients/api-client.js';
import { openGraphqlTarget } from './graphql-target.js';
import { openGrpcTarget } from './grpc-target.js';
import { openInProcessTarget } from './in-process-target.js';
import { openRestTarget } from './rest-target.js';
import { openSoapTarget } from './soap-target.js';

/**
 * Every protocol the scenarios run over. Each protocol adds one line: a target that starts the
 * real server (`startTestServer` in support/test-server.ts) and returns its protocol's client.
 */
export const targets: [name: string, open: () => Promise<ScenarioTarget>][] = [
  ['in-process', openInProcessTarget],
  ['rest', openRestTarget],
  ['graphql', openGraphqlTarget],
  ['soap', openSoapTarget],
  ['grpc', openGrpcTarget],
];
