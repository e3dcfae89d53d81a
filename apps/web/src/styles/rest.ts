import {
  byteLength,
  type CallResult,
  type OrderInput,
  type StyleClient,
  shellQuote,
} from '../call-result.js';

/** Response headers worth showing: they carry REST's part of the contract. */
const SHOWN_HEADERS = [
  'content-type',
  'location',
  'etag',
  'idempotent-replayed',
  'x-request-id',
  'ratelimit',
];

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The request as a curl command against this page's origin. */
function curl({ method, path, headers, body }: Sent): string {
  const lines = [`curl -si -X ${method} ${shellQuote(`${location.origin}${path}`)}`];
  for (const [name, value] of Object.entries(headers))
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (body !== undefined) lines.push(`--data-binary ${shellQuote(body)}`);
  return lines.join(' \\\n  ');
}

async function send(sent: Sent): Promise<CallResult> {
  const started = performance.now();
  const response = await fetch(sent.path, {
    method: sent.method,
    headers: sent.headers,
    ...(sent.body === undefined ? {} : { body: sent.body }),
  });
  const text = await response.text();
  const latencyMs = performance.now() - started;
  const head = [`HTTP/1.1 ${response.status} ${response.statusText}`];
  for (const name of SHOWN_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) head.push(`${name}: ${value}`);
  }
  const body = (response.headers.get('content-type') ?? '').includes('json')
    ? (JSON.parse(text) as Record<string, unknown>)
    : {};
  return {
    operation: `${sent.method} ${sent.path.replace(/\/ord_[^/?]+/, '/{id}')}`,
    request: curl(sent),
    response: `${head.join('\n')}\n\n${text}`,
    status: `${response.status} ${response.statusText}`.trim(),
    ok: response.ok,
    requestBytes: sent.body === undefined ? 0 : byteLength(sent.body),
    responseBytes: byteLength(text),
    latencyMs,
    ...(response.ok && typeof body.id === 'string'
      ? { order: { id: body.id, version: Number(body.version), status: String(body.status) } }
      : {}),
  };
}

/** REST over fetch: snake_case JSON on /api/v1, `Authorization: Bearer`. */
export const restClient: StyleClient = {
  createOrder(apiKey, input: OrderInput, idempotencyKey) {
    const body = {
      ...(input.customerId ? { customer_id: input.customerId } : {}),
      items: input.items.map((i) => ({
        sku: i.sku,
        quantity: i.quantity,
        unit_price: i.unitPrice,
      })),
      currency: input.currency,
    };
    return send({
      method: 'POST',
      path: '/api/v1/orders',
      headers: {
        Authorization: `Bearer ${apiKey}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });
  },
  getOrder(apiKey, orderId) {
    return send({
      method: 'GET',
      path: `/api/v1/orders/${encodeURIComponent(orderId)}`,
      headers: { Authorization: `Bearer ${apiKey}` },
    });
  },
};
