import './styles.css';
import {
  type CallResult,
  type OrderInput,
  randomId,
  type Style,
  type StyleClient,
} from './call-result.js';
import { createFeed } from './feed.js';
import { createPanels } from './panels.js';
import { startPayment } from './payment.js';
import { graphqlClient } from './styles/graphql.js';
import { grpcClient } from './styles/grpc.js';
import { restClient } from './styles/rest.js';
import { soapClient } from './styles/soap.js';

/** In panel order; the create goes out in this order too (the first creates, the rest replay). */
const CLIENTS: [Style, StyleClient][] = [
  ['rest', restClient],
  ['grpc', grpcClient],
  ['graphql', graphqlClient],
  ['soap', soapClient],
];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const form = byId<HTMLFormElement>('order-form');
const apiKey = byId<HTMLSelectElement>('api-key');
const createButton = byId<HTMLButtonElement>('create-order');
const getButton = byId<HTMLButtonElement>('get-order');
const orderStatus = byId<HTMLElement>('order-status');
const panels = createPanels(byId('panels'));
const feed = createFeed(byId<HTMLOListElement>('feed'), byId('feed-status'));
const payment = {
  method: byId<HTMLSelectElement>('payment-method'),
  start: byId<HTMLButtonElement>('start-payment'),
  cancel: byId<HTMLButtonElement>('cancel-payment'),
  progress: byId<HTMLProgressElement>('payment-progress'),
  status: byId<HTMLElement>('payment-status'),
  frames: byId<HTMLElement>('payment-frames'),
};
let orderId: string | null = null;

function readInput(): OrderInput {
  const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
  return {
    // An admin key must name the customer; the demo's admin orders for Alice.
    ...(apiKey.value === 'sk_test_admin' ? { customerId: 'cus_alice' } : {}),
    items: [
      {
        sku: value('sku'),
        quantity: Number(value('quantity')),
        unitPrice: Number(value('unit-price')),
      },
    ],
    currency: value('currency'),
  };
}

/** Runs `call` in each style, one after another (so latencies do not compete). */
async function acrossStyles(
  slot: 'create' | 'get',
  call: (client: StyleClient) => Promise<CallResult>,
) {
  const results: CallResult[] = [];
  for (const [style, client] of CLIENTS) {
    try {
      const result = await call(client);
      panels.show(style, slot, result);
      results.push(result);
    } catch (error) {
      panels.fail(style, slot, error);
    }
  }
  return results;
}

function summarize(results: CallResult[]): string {
  const seen = new Set(
    results.map((r) => (r.order ? `${r.order.id} v${r.order.version}` : 'no order')),
  );
  return seen.size === 1 && results.length === CLIENTS.length
    ? `Order ${[...seen][0]}: the same id and version in all four styles.`
    : `The styles disagree: ${[...seen].join(', ')}.`;
}

async function getEverywhere(): Promise<void> {
  if (!orderId) return;
  const id = orderId;
  orderStatus.textContent = `Reading ${id} in all four styles…`;
  orderStatus.textContent = summarize(
    await acrossStyles('get', (c) => c.getOrder(apiKey.value, id)),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  createButton.disabled = true;
  panels.clear();
  orderStatus.textContent = 'Creating the order in all four styles…';
  const input = readInput();
  const key = `console-${randomId()}`;
  void acrossStyles('create', (c) => c.createOrder(apiKey.value, input, key))
    .then(async (results) => {
      orderId = results.find((r) => r.order)?.order?.id ?? null;
      getButton.disabled = payment.start.disabled = orderId === null;
      if (orderId) {
        payment.status.textContent = `Ready to pay ${orderId}.`;
        await getEverywhere();
      } else orderStatus.textContent = 'No style created the order: see the panels.';
    })
    .finally(() => {
      createButton.disabled = false;
    });
});
getButton.addEventListener('click', () => void getEverywhere());
payment.start.addEventListener('click', () => {
  if (orderId) startPayment(payment, apiKey.value, orderId);
});
apiKey.addEventListener('change', () => {
  // Another key may not see the order: start over with this key's feed.
  orderId = null;
  getButton.disabled = payment.start.disabled = true;
  panels.clear();
  orderStatus.textContent = '';
  feed.connect(apiKey.value);
});
feed.connect(apiKey.value);
