import { sleep } from '../context.js';
import type { PaymentMethod } from '../domain/payment.js';
import { TransientJobError } from '../jobs/job-errors.js';

export type ProcessorResult =
  | { outcome: 'succeeded' }
  | { outcome: 'declined'; failureCode: string };

export interface ProcessorCall {
  method: PaymentMethod;
  /** 1-based attempt number of the job running this charge. */
  attempt: number;
  slowSeconds: number;
  signal: AbortSignal;
  progress: (percent: number, message: string) => Promise<void>;
}

const SLOW_STEPS = 10;

/**
 * The simulated card processor. Deterministic: the test payment method and the attempt number
 * decide the outcome, like a real processor's test cards.
 */
export async function chargeCard(call: ProcessorCall): Promise<ProcessorResult> {
  switch (call.method) {
    case 'pm_card_visa':
      await call.progress(100, 'authorized');
      return { outcome: 'succeeded' };
    case 'pm_card_declined':
      await call.progress(100, 'declined by issuer');
      return { outcome: 'declined', failureCode: 'card_declined' };
    case 'pm_card_flaky':
      if (call.attempt <= 2)
        throw new TransientJobError(`processor unavailable (attempt ${call.attempt})`);
      await call.progress(100, 'authorized after retries');
      return { outcome: 'succeeded' };
    case 'pm_card_slow':
      for (let step = 1; step <= SLOW_STEPS; step++) {
        await sleep((call.slowSeconds * 1000) / SLOW_STEPS, call.signal);
        await call.progress((step * 100) / SLOW_STEPS, `authorizing (${step}/${SLOW_STEPS})`);
      }
      return { outcome: 'succeeded' };
  }
}
