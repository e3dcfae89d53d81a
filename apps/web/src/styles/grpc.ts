import { type CallResult, type StyleClient, shellQuote } from '../call-result.js';

/** What the server's bridge (POST /console/api/grpc/:service/:method) answers. */
interface BridgeAnswer {
  address: string;
  code: number;
  status: string;
  message: string;
  response: Record<string, unknown> | null;
  trailers: Record<string, string>;
  request_bytes: number;
  response_bytes: number;
  latency_ms: number;
}

const ORDERS = 'commerce.v1.OrderService';

/**
 * The same call as a `buf curl` command against the gRPC port the bridge used; `npx` runs the
 * `@bufbuild/buf` a checkout of this repository installs, as in the README.
 */
function bufCurl(address: string, path: string, metadata: Record<string, string>, body: unknown) {
  const lines = ['npx buf curl --protocol grpc --http2-prior-knowledge'];
  for (const [name, value] of Object.entries(metadata))
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  lines.push(`-d ${shellQuote(JSON.stringify(body))}`, `http://${address}/${path}`);
  return lines.join(' \\\n  ');
}

/**
 * Browsers cannot speak gRPC over HTTP/2 trailers, so the server's bridge makes the real call to
 * its own gRPC port and reports the protobuf sizes and the call's latency as measured there.
 */
async function call(
  method: string,
  metadata: Record<string, string>,
  body: Record<string, unknown>,
): Promise<CallResult> {
  const path = `${ORDERS}/${method}`;
  const response = await fetch(`/console/api/grpc/${path}`, {
    method: 'POST',
    headers: { ...metadata, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`gRPC bridge answered HTTP ${response.status}`);
  const answer = (await response.json()) as BridgeAnswer;
  const order = answer.response?.order as Record<string, unknown> | undefined;
  const trailers = Object.entries(answer.trailers).map(([k, v]) => `${k}: ${v}`);
  const head = [`grpc-status: ${answer.code} (${answer.status})`, ...trailers];
  if (answer.code !== 0) head.push(`grpc-message: ${answer.message}`);
  return {
    operation: method,
    request: bufCurl(answer.address, path, metadata, body),
    response: `${head.join('\n')}\n\n${JSON.stringify(answer.response, null, 2)}`,
    status: answer.status,
    ok: answer.code === 0,
    requestBytes: answer.request_bytes,
    responseBytes: answer.response_bytes,
    latencyMs: answer.latency_ms,
    ...(order
      ? {
          order: {
            id: String(order.id),
            version: Number(order.version ?? 0),
            status: String(order.status),
          },
        }
      : {}),
  };
}

/** gRPC through the server's bridge: proto JSON in and out, metadata as headers. */
export const grpcClient: StyleClient = {
  createOrder(apiKey, input, idempotencyKey) {
    return call(
      'CreateOrder',
      { authorization: `Bearer ${apiKey}`, 'idempotency-key': idempotencyKey },
      {
        ...(input.customerId ? { customer_id: input.customerId } : {}),
        items: input.items.map((i) => ({
          sku: i.sku,
          quantity: i.quantity,
          unit_price: i.unitPrice,
        })),
        currency: input.currency,
      },
    );
  },
  getOrder(apiKey, orderId) {
    return call('GetOrder', { authorization: `Bearer ${apiKey}` }, { order_id: orderId });
  },
};
