import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  type CommerceError,
  invalidArgument,
  isCommerceError,
  type Payment,
  type PaymentMethod,
  type PaymentProgress,
  toCommerceError,
} from '@commerce/core';
import {
  type PaymentSessionRequest,
  type PaymentSessionResponse,
  PaymentSessionResponseSchema,
} from '@commerce/proto';
import type { MalformedMessage } from './bridge.js';
import { idempotencyKeyOf } from './call-scope.js';
import { assertDecoded, bidiStream, type RpcEnv } from './rpc.js';
import { jobToProto, paymentToProto } from './to-proto.js';

/** How often the session re-reads the job's progress while the payment is processing. */
const PROGRESS_POLL_MS = 100;

const progressKey = (p: PaymentProgress) => `${p.percent}|${p.message ?? ''}|${p.attempts}`;

/**
 * PaymentSession: `start` → `payments.create`; then progress (polling `payments.progress`) and
 * payment snapshots (`payments.waitForOutcome` wakes on every change) until the payment is
 * final; `cancel` → `payments.cancel`, which stops the job. The client may half-close early.
 */
export function paymentSession(env: RpcEnv) {
  const { payments } = env.commerce;
  return bidiStream<PaymentSessionRequest, PaymentSessionResponse>(
    env,
    'PaymentSession',
    async ({ ctx, messages, send, metadata }) => {
      const commands = messages[Symbol.asyncIterator]();
      const first = await commands.next();
      const start = first.done ? undefined : assertDecoded(first.value).command;
      if (start?.case !== 'start') {
        throw invalidArgument('command', 'the first command of a session must be start');
      }
      const { value: created } = await payments.create(
        ctx,
        // The core validates the method: an unknown one is `invalid_argument`.
        {
          orderId: start.value.orderId,
          paymentMethod: start.value.paymentMethod as PaymentMethod,
        },
        idempotencyKeyOf(metadata),
      );
      const update = (value: MessageInitShape<typeof PaymentSessionResponseSchema>['update']) =>
        send(create(PaymentSessionResponseSchema, { update: value }));
      await update({ case: 'payment', value: paymentToProto(created) });

      let failure: CommerceError | null = null;
      const follow = async (command: PaymentSessionRequest | MalformedMessage) => {
        const decoded = assertDecoded(command).command;
        if (decoded.case !== 'cancel') {
          throw invalidArgument('command', 'only cancel may follow start');
        }
        try {
          await payments.cancel(ctx, created.id);
        } catch (error) {
          // A cancel that arrives once the payment is final has no effect (see the contract).
          if (!(isCommerceError(error) && error.code === 'invalid_state')) throw error;
        }
      };
      const readCommands = async () => {
        try {
          for (let next = await commands.next(); !next.done; next = await commands.next()) {
            await follow(next.value);
          }
        } catch (error) {
          if (!ctx.signal.aborted) failure = toCommerceError(error);
        }
      };
      readCommands().catch(() => {});

      let seenProgress = '';
      let seenVersion = created.version;
      let payment: Payment = created;
      while (payment.status === 'processing') {
        if (failure) throw failure;
        const progress = await payments.progress(ctx, payment.id);
        if (progressKey(progress) !== seenProgress) {
          seenProgress = progressKey(progress);
          await update({
            case: 'progress',
            value: {
              percent: progress.percent,
              message: progress.message ?? '',
              attempts: progress.attempts,
            },
          });
        }
        payment = await payments.waitForOutcome(ctx, payment.id, PROGRESS_POLL_MS);
        if (payment.version !== seenVersion) {
          seenVersion = payment.version;
          await update({ case: 'payment', value: paymentToProto(payment) });
        }
      }
      const job = await payments.progress(ctx, payment.id);
      await update({
        case: 'outcome',
        value: { payment: paymentToProto(payment), job: jobToProto(job) },
      });
    },
    { orderId: 'start.order_id', paymentMethod: 'start.payment_method' },
  );
}
