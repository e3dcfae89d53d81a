import type { WireError } from '../clients/graphql-client.js';

/** A GraphQL response as received, with its HTTP status and content type. */
export interface GraphqlReply<T> {
  status: number;
  contentType: string | null;
  data?: T | null;
  errors?: WireError[];
}

/** Posts one operation and returns the whole reply, errors included (nothing is thrown). */
export async function gql<T = Record<string, unknown>>(
  url: string,
  apiKey: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlReply<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphqlReply<T>, 'status' | 'contentType'>;
  return { status: response.status, contentType: response.headers.get('content-type'), ...body };
}

export const ITEMS = [
  { sku: 'sku-book', quantity: 2, unitPrice: 1250 },
  { sku: 'sku-pen', quantity: 1, unitPrice: 300 },
];

export const CREATE_ORDER = `mutation Create($input: CreateOrderInput!, $key: String) {
  createOrder(input: $input, idempotencyKey: $key) { order { id status version amount } replayed }
}`;
