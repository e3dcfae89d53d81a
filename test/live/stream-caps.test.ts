import { create } from '@bufbuild/protobuf';
import { createContext } from '@commerce/core';
import { WatchEventsRequestSchema, type WatchEventsResponse } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type GrpcFixture, openGrpcFixture } from '../grpc/grpc-fixture.js';
import { keys } from '../support/keys.js';

type Watch = grpc.ClientReadableStream<WatchEventsResponse>;

/**
 * Opens WatchEvents from the start of the log and settles on its first message (the stream is
 * running and holds its slot) or its error (the status code).
 */
function openWatch(f: GrpcFixture, apiKey: string): Promise<Watch> {
  const client = f.events as unknown as {
    watchEvents(req: unknown, metadata: grpc.Metadata): Watch;
  };
  const call = client.watchEvents(create(WatchEventsRequestSchema, {}), f.auth(apiKey));
  return new Promise((resolve, reject) => {
    call.once('data', () => resolve(call));
    call.on('error', reject);
  });
}

/** The first result of a GraphQL subscription over graphql-ws: data or the errors' codes. */
function firstSubscriptionResult(url: string, apiKey: string): Promise<unknown> {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: 0,
  });
  return new Promise((resolve, reject) => {
    client.subscribe(
      { query: 'subscription { events { sequence } }' },
      {
        next: (result) => {
          resolve(result.errors?.map((e) => e.extensions?.code) ?? result.data);
          void client.dispose();
        },
        error: (error) => {
          reject(error);
          void client.dispose();
        },
        complete: () => {},
      },
    );
  });
}

describe('stream caps shared by every protocol (STREAMS_MAX_PER_KEY=1)', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture({ STREAMS_MAX_PER_KEY: '1' });
  });
  afterAll(() => f?.close());

  it('refuses a second stream of one key over gRPC and GraphQL, serves other keys, frees on close', async () => {
    for (const apiKey of [keys.alice, keys.bob]) {
      const { commerce } = f.test.server;
      const ctx = createContext({ principal: await commerce.auth.authenticate(apiKey) });
      await commerce.orders.create(ctx, {
        items: [{ sku: 'sku-book', quantity: 1, unitPrice: 500 }],
        currency: 'EUR',
      });
    }
    const held = await openWatch(f, keys.alice);

    const refused = await openWatch(f, keys.alice).then(
      () => null,
      (error: grpc.ServiceError) => error.code,
    );
    expect(refused).toBe(grpc.status.RESOURCE_EXHAUSTED);

    const graphqlUrl = `${f.test.url.replace(/^http/, 'ws')}/graphql`;
    expect(await firstSubscriptionResult(graphqlUrl, keys.alice)).toEqual(['RATE_LIMITED']);

    const other = await openWatch(f, keys.bob);
    other.cancel();

    held.on('error', () => {});
    held.cancel();
    // The server learns of the cancellation asynchronously; the slot is back soon after.
    await expect
      .poll(
        () =>
          openWatch(f, keys.alice).then(
            (call) => {
              call.on('error', () => {});
              call.cancel();
              return true;
            },
            () => false,
          ),
        { timeout: 10_000, interval: 100 },
      )
      .toBe(true);
  });
});
