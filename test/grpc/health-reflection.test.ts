import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { create } from '@bufbuild/protobuf';
import {
  Health,
  HealthCheckRequestSchema,
  type HealthCheckResponse,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, connectService } from '../clients/grpc-client.js';
import { keys } from '../support/keys.js';
import { type GrpcFixture, openGrpcFixture } from './grpc-fixture.js';

const run = promisify(execFile);
const buf = join(
  dirname(createRequire(import.meta.url).resolve('@bufbuild/buf/package.json')),
  'bin',
  'buf',
);
const curl = (...args: string[]) =>
  run(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args], { timeout: 15_000 });

/** grpc.health.v1.Health/Check from the generated (vendored) health service. */
async function healthCheck(address: string, service: string): Promise<ServingStatus> {
  const client = connectService(Health, address);
  try {
    const { response } = await callUnary<typeof HealthCheckRequestSchema, HealthCheckResponse>(
      client,
      'check',
      HealthCheckRequestSchema,
      { service },
      new grpc.Metadata(),
    );
    return response.status;
  } finally {
    client.close();
  }
}

describe('gRPC health and reflection', () => {
  let f: GrpcFixture;
  beforeAll(async () => {
    f = await openGrpcFixture();
  });
  afterAll(() => f?.close());

  it('reports SERVING for the server and each service', async () => {
    expect(await healthCheck(f.address, '')).toBe(ServingStatus.SERVING);
    expect(await healthCheck(f.address, 'commerce.v1.OrderService')).toBe(ServingStatus.SERVING);
  });

  it('lets buf curl list and call methods through reflection, with no local protos', async () => {
    const url = `http://${f.address}`;
    const { stdout: methods } = await curl('--list-methods', url);
    expect(methods.split('\n')).toEqual(
      expect.arrayContaining([
        'commerce.v1.OrderService/CreateOrder',
        'commerce.v1.PaymentService/PaymentSession',
        'commerce.v1.EventService/WatchEvents',
        'grpc.health.v1.Health/Check',
        'grpc.health.v1.Health/Watch',
      ]),
    );
    const { stdout: health } = await curl('-d', '{}', `${url}/grpc.health.v1.Health/Check`);
    expect(JSON.parse(health)).toEqual({ status: 'SERVING' });
    const { stdout: described } = await curl(
      '-d',
      '{"service":"commerce.v1.PaymentService"}',
      `${url}/grpc.health.v1.Health/Check`,
    );
    expect(JSON.parse(described)).toEqual({ status: 'SERVING' });
    const { stdout: created } = await curl(
      '-H',
      `authorization: Bearer ${keys.alice}`,
      '-d',
      '{"items":[{"sku":"sku-book","quantity":2,"unit_price":1250}],"currency":"EUR"}',
      `${url}/commerce.v1.OrderService/CreateOrder`,
    );
    const order = JSON.parse(created).order as { id: string; status: string; amount: string };
    expect(order).toMatchObject({ status: 'ORDER_STATUS_PENDING', amount: '2500' });
    const { stdout: got } = await curl(
      '-H',
      `authorization: Bearer ${keys.alice}`,
      '-d',
      JSON.stringify({ order_id: order.id }),
      `${url}/commerce.v1.OrderService/GetOrder`,
    );
    expect(JSON.parse(got).order.id).toBe(order.id);
  });
});

describe('gRPC health on shutdown', () => {
  it('pushes NOT_SERVING to a Watch as soon as shutdown starts', async () => {
    const f = await openGrpcFixture({ SHUTDOWN_DRAIN_MS: '1000' });
    const client = connectService(Health, f.address);
    const watch = (client as unknown as Record<string, (...a: unknown[]) => unknown>).watch?.call(
      client,
      create(HealthCheckRequestSchema, { service: '' }),
    ) as grpc.ClientReadableStream<HealthCheckResponse>;
    const statuses: ServingStatus[] = [];
    watch.on('data', (m: HealthCheckResponse) => statuses.push(m.status));
    watch.on('error', () => {});
    await expect.poll(() => statuses).toEqual([ServingStatus.SERVING]);
    const closing = f.close();
    await expect.poll(() => statuses).toEqual([ServingStatus.SERVING, ServingStatus.NOT_SERVING]);
    watch.cancel();
    client.close();
    await closing;
  });
});
