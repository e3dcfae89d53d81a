import { byteLength, type CallResult, type StyleClient, shellQuote } from '../call-result.js';

const ORDER_FIELDS =
  'id customerId items { sku quantity unitPrice } amount currency status version';

const CREATE = `mutation CreateOrder($input: CreateOrderInput!, $idempotencyKey: String) {
  createOrder(input: $input, idempotencyKey: $idempotencyKey) {
    replayed
    order { ${ORDER_FIELDS} }
  }
}`;

const GET = `query GetOrder($id: ID!) {
  order(id: $id) { ${ORDER_FIELDS} }
}`;

interface GraphqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The document and variables, then the same POST as a curl command. */
function describe(
  document: string,
  variables: unknown,
  headers: Record<string, string>,
  body: string,
) {
  const curl = [`curl -si ${shellQuote(`${location.origin}/graphql`)}`];
  for (const [name, value] of Object.entries(headers))
    curl.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  curl.push(`--data-binary ${shellQuote(body)}`);
  return `${document}\n\n# variables\n${JSON.stringify(variables, null, 2)}\n\n# as sent\n${curl.join(' \\\n  ')}`;
}

async function post(
  operation: string,
  document: string,
  variables: Record<string, unknown>,
  apiKey: string,
  pick: (data: Record<string, unknown>) => unknown,
): Promise<CallResult> {
  const headers = {
    Authorization: `Bearer ${apiKey}`,
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json',
  };
  const body = JSON.stringify({ query: document, variables });
  const started = performance.now();
  const response = await fetch('/graphql', { method: 'POST', headers, body });
  const text = await response.text();
  const latencyMs = performance.now() - started;
  const answer = JSON.parse(text) as GraphqlAnswer;
  const firstError = answer.errors?.[0];
  const order = answer.data ? (pick(answer.data) as Record<string, unknown> | null) : null;
  return {
    operation,
    request: describe(document, variables, headers, body),
    response: `HTTP/1.1 ${response.status} ${response.statusText}\n\n${text}`,
    // GraphQL reports failures in the body; the error's code is the status that matters.
    status: firstError ? (firstError.extensions?.code ?? 'ERROR') : `${response.status} data`,
    ok: response.ok && !firstError,
    requestBytes: byteLength(body),
    responseBytes: byteLength(text),
    latencyMs,
    ...(order
      ? {
          order: {
            id: String(order.id),
            version: Number(order.version),
            status: String(order.status),
          },
        }
      : {}),
  };
}

/** GraphQL over HTTP POST to /graphql (GraphiQL is served on the same path). */
export const graphqlClient: StyleClient = {
  createOrder(apiKey, input, idempotencyKey) {
    const variables = {
      input: {
        ...(input.customerId ? { customerId: input.customerId } : {}),
        items: input.items,
        currency: input.currency,
      },
      idempotencyKey,
    };
    return post(
      'createOrder',
      CREATE,
      variables,
      apiKey,
      (d) => (d.createOrder as { order: unknown })?.order,
    );
  },
  getOrder(apiKey, orderId) {
    return post('order', GET, { id: orderId }, apiKey, (d) => d.order);
  },
};
