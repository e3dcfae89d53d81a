import { randomId } from './call-result.js';

/** The elements of the payment section. */
export interface PaymentView {
  method: HTMLSelectElement;
  start: HTMLButtonElement;
  cancel: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  frames: HTMLElement;
}

type Frame = Record<string, unknown> & { type: string };

/** How many frames the log keeps. */
const KEEP_FRAMES = 30;

/**
 * A payment over the WebSocket API (/api/v1/ws): `auth` as the first message (browsers cannot
 * set headers on the upgrade), then `payment.create` with `watch`, progress frames into the bar,
 * `payment.cancel` from the button, and the settled payment as the outcome.
 */
export function startPayment(view: PaymentView, apiKey: string, orderId: string): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/v1/ws`);
  let paymentId: string | null = null;
  view.frames.replaceChildren();
  view.progress.value = 0;
  view.start.disabled = true;
  view.status.textContent = 'connecting…';

  const log = (direction: '→' | '←', frame: unknown) => {
    const line = document.createElement('li');
    line.textContent = `${direction} ${JSON.stringify(frame)}`;
    view.frames.append(line);
    while (view.frames.children.length > KEEP_FRAMES) view.frames.firstElementChild?.remove();
  };
  const send = (frame: Frame) => {
    log('→', frame.type === 'auth' ? { ...frame, api_key: '…' } : frame);
    socket.send(JSON.stringify(frame));
  };
  const finish = (message: string) => {
    view.status.textContent = message;
    view.cancel.disabled = true;
    view.cancel.onclick = null;
    view.start.disabled = false;
    socket.close(1000);
  };

  socket.onopen = () => send({ type: 'auth', id: 'auth', api_key: apiKey });
  socket.onmessage = (message) => {
    const frame = JSON.parse(String(message.data)) as Frame;
    log('←', frame);
    if (frame.type === 'welcome') {
      view.status.textContent = 'authenticated; creating the payment…';
      send({
        type: 'payment.create',
        id: 'pay',
        order_id: orderId,
        payment_method: view.method.value,
        idempotency_key: `console-pay-${randomId()}`,
        watch: true,
      });
    } else if (frame.type === 'ack' && frame.op === 'payment.create') {
      const payment = frame.payment as { id: string; status: string };
      paymentId = payment.id;
      view.status.textContent = `payment ${payment.id} ${payment.status}`;
      view.cancel.disabled = payment.status !== 'processing';
      view.cancel.onclick = () => {
        if (paymentId) send({ type: 'payment.cancel', id: 'cancel', payment_id: paymentId });
        view.cancel.disabled = true;
      };
    } else if (frame.type === 'progress') {
      const progress = frame.progress as { percent: number; message?: string };
      view.progress.value = progress.percent;
      view.status.textContent =
        `${paymentId}: ${progress.percent}% ${progress.message ?? ''}`.trim();
    } else if (frame.type === 'ack' && frame.op === 'payment.cancel') {
      view.status.textContent = `cancel requested for ${paymentId}…`;
    } else if (frame.type === 'payment') {
      const payment = frame.payment as { id: string; status: string; failure_code: string | null };
      const code = payment.failure_code ? ` (${payment.failure_code})` : '';
      if (payment.status === 'succeeded') view.progress.value = 100;
      finish(`payment ${payment.id} ${payment.status}${code}`);
    } else if (frame.type === 'error' && frame.id === 'cancel') {
      // Too late to cancel (it settled meanwhile): the watch still reports the outcome.
      view.status.textContent = `cancel refused: ${String(frame.code)}`;
    } else if (frame.type === 'error') {
      finish(`error ${String(frame.code)}: ${String(frame.message)}`);
    }
  };
  socket.onclose = (event) => {
    if (view.start.disabled) finish(`connection closed (${event.code} ${event.reason})`.trim());
  };
}
