import {
  type Commerce,
  notFound,
  type OperationContext,
  type Payment,
  type PaymentMethod,
} from '@commerce/core';
import type { WsLimits } from './limits.js';
import type { Outbox } from './outbox.js';
import type { ClientMessage } from './protocol.js';
import { streamEvents, watchPayment } from './streams.js';
import type { Subscriptions } from './subscriptions.js';
import { wirePayment, wireProgress } from './wire.js';

/** What commands act on: the core and one connection's outbox and subscriptions. */
export interface CommandEnv {
  commerce: Commerce;
  outbox: Outbox;
  subscriptions: Subscriptions;
  limits: WsLimits;
}

/** The commands that need an authenticated connection (`auth` and `ping` are the session's). */
export type Command = Exclude<ClientMessage, { type: 'auth' | 'ping' }>;

/**
 * Runs one command and sends its `ack`; throws a CommerceError for the `error` frame. Commands
 * that start a subscription send the ack first, so its name arrives before its first frame.
 */
export async function runCommand(env: CommandEnv, ctx: OperationContext, command: Command) {
  const { commerce, outbox, subscriptions, limits } = env;
  const ack = (fields: Record<string, unknown>) =>
    outbox.send({ type: 'ack', id: command.id, op: command.type, ...fields });
  const watch = async (payment: Payment, extra: Record<string, unknown> = {}) => {
    const sub = subscriptions.open(ctx);
    await ack({ subscription: sub.name, payment: wirePayment(payment), ...extra });
    sub.start((scoped) =>
      watchPayment(
        { commerce, outbox, subscription: sub.name },
        scoped,
        payment,
        limits.progressPollMs,
      ),
    );
  };

  switch (command.type) {
    case 'subscribe': {
      const sub = subscriptions.open(ctx);
      await ack({ subscription: sub.name });
      const query = {
        afterSequence: command.after,
        orderId: command.order_id,
        types: command.types,
      };
      sub.start((scoped) =>
        streamEvents({ commerce, outbox, subscription: sub.name }, scoped, query),
      );
      return;
    }
    case 'unsubscribe':
      if (!subscriptions.close(command.subscription))
        throw notFound('subscription', command.subscription);
      await ack({ subscription: command.subscription });
      return;
    case 'payment.watch':
      await watch(await commerce.payments.get(ctx, command.payment_id));
      return;
    case 'payment.cancel': {
      const progress = await commerce.payments.cancel(ctx, command.payment_id);
      await ack({ payment_id: command.payment_id, progress: wireProgress(progress) });
      return;
    }
    case 'payment.create': {
      const { value, replayed } = await commerce.payments.create(
        ctx,
        // The core validates the method: an unknown one is `invalid_argument`.
        { orderId: command.order_id, paymentMethod: command.payment_method as PaymentMethod },
        command.idempotency_key,
      );
      if (command.watch) await watch(value, { replayed });
      else await ack({ payment: wirePayment(value), replayed });
      return;
    }
  }
}
