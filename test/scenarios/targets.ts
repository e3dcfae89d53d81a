import type { ScenarioTarget } from '../clients/api-client.js';
import { inProcessClients } from '../clients/in-process-client.js';
import { openHarness } from '../support/harness.js';
import { keySeeds } from '../support/keys.js';

/** The core called directly, with a running job worker. */
async function openInProcessTarget(): Promise<ScenarioTarget> {
  const harness = await openHarness();
  await harness.commerce.auth.seed(keySeeds);
  const worker = harness.commerce.createWorker();
  worker.start();
  return {
    clients: inProcessClients(harness.commerce),
    async [Symbol.asyncDispose]() {
      await worker.stop();
      await harness[Symbol.asyncDispose]();
    },
  };
}

/** Every protocol the scenarios run over; each protocol adapter adds its target here. */
export const targets: [name: string, open: () => Promise<ScenarioTarget>][] = [
  ['in-process', openInProcessTarget],
];
