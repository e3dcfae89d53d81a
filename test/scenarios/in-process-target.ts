import type { ScenarioTarget } from '../clients/api-client.js';
import { inProcessClients } from '../clients/in-process-client.js';
import { openHarness } from '../support/harness.js';
import { keySeeds } from '../support/keys.js';

/** The core called directly, with a running job worker: the reference the protocols match. */
export async function openInProcessTarget(): Promise<ScenarioTarget> {
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
