import type { ScenarioTarget } from '../clients/api-client.js';
import { openInProcessTarget } from './in-process-target.js';

/**
 * Every protocol the scenarios run over. Each protocol adds one line: a target that starts the
 * real server (`startTestServer` in support/test-server.ts) and returns its protocol's client.
 */
export const targets: [name: string, open: () => Promise<ScenarioTarget>][] = [
  ['in-process', openInProcessTarget],
];
