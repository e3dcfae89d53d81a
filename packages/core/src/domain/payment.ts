import { CommerceError } from '../errors.js';

export const PAYMENT_STATUSES = ['processing', 'succeeded', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * Test payment methods, like a card processor's test cards: each decides the outcome.
 * - `pm_card_visa` succeeds;
 * - `pm_card_declined` is declined (`card_declined`);
 * - `pm_card_slow` succeeds after the configured delay, reporting progress;
 * - `pm_card_flaky` fails transiently on its first two attempts, then succeeds.
 */
export const PAYMENT_METHODS = [
  'pm_card_visa',
  'pm_card_declined',
  'pm_card_slow',
  'pm_card_flaky',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  id: string;
  orderId: string;
  customerId: string;
  amount: number;
  currency: string;
  paymentMethod: PaymentMethod;
  status: PaymentStatus;
  /** Why a payment failed: `card_declined`, `processor_unavailable`, `canceled`, `order_not_payable`. */
  failureCode: string | null;
  /** The job that processes this payment; its status and progress can be read. */
  jobId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  processing: ['succeeded', 'failed'],
  succeeded: ['refunded'],
  failed: [],
  refunded: [],
};

export function transitionPayment(
  payment: Payment,
  to: PaymentStatus,
  at: string,
  failureCode: string | null = null,
): Payment {
  if (!TRANSITIONS[payment.status].includes(to)) {
    throw new CommerceError(
      'invalid_state',
      `payment ${payment.id} is ${payment.status} and cannot become ${to}`,
      { currentState: payment.status },
    );
  }
  return { ...payment, status: to, failureCode, version: payment.version + 1, updatedAt: at };
}
