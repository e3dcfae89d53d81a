import {
  type DescService,
  fromBinary,
  fromJson,
  type JsonValue,
  toBinary,
  toJson,
} from '@bufbuild/protobuf';
import { EventService, OrderService, PaymentService } from '@commerce/proto';
import * as grpc from '@grpc/grpc-js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerEnv } from '../logger.js';

/** The services the bridge forwards to; only their unary methods. */
const SERVICES = new Map<string, DescService>(
  [OrderService, PaymentService, EventService].map((s) => [s.typeName, s]),
);
/** Request headers passed on as gRPC metadata (lower case, as gRPC spells them). */
const FORWARDED = ['authorization', 'idempotency-key', 'x-request-id', 'traceparent'];
const DEADLINE_MS = 10_000;

export interface GrpcBridgeOptions {
  /** `host:port` of the server's own gRPC listener, read per call (it is bound after the mounts). */
  target: () => string;
  /** Larger request bodies are refused with 413, as the REST API does. */
  maxBodyBytes: number;
  /** Closes the bridge's channel when shutdown begins. */
  shutdownSignal: AbortSignal;
}

interface Outcome {
  response: Buffer | null;
  status: grpc.StatusObject;
}

/** One unary call with the messages as raw bytes, so their wire sizes can be reported. */
function callRaw(client: grpc.Client, path: string, request: Uint8Array, metadata: grpc.Metadata) {
  return new Promise<Outcome>((resolve) => {
    let response: Buffer | null = null;
    const call = client.makeUnaryRequest(
      path,
      (message: Uint8Array) => Buffer.from(message),
      (bytes: Buffer) => bytes,
      request,
      metadata,
      { deadline: Date.now() + DEADLINE_MS },
      // A failed call's status (code, details, trailers) arrives on 'status' like a good one's.
      (_error, value) => {
        response = value ?? null;
      },
    );
    call.on('status', (status) => resolve({ response, status }));
  });
}

/** Text trailers as they arrived; binary ones (`-bin`) by size only. */
function trailersOf(metadata: grpc.Metadata): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata.getMap()).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : `<${value.length} bytes>`,
    ]),
  );
}

/**
 * The console's gRPC bridge: `POST /:service/:method` with the request message as proto JSON
 * calls that unary method on the server's own gRPC port (a real HTTP/2 call through grpc-js)
 * and answers the response as proto JSON, with the status, trailers, the protobuf sizes of both
 * messages and the call's latency. Browsers cannot make gRPC calls themselves (no trailers).
 */
export function createGrpcBridge(options: GrpcBridgeOptions): Hono<ServerEnv> {
  let client: grpc.Client | null = null;
  options.shutdownSignal.addEventListener('abort', () => client?.close(), { once: true });
  const app = new Hono<ServerEnv>();
  app.use(bodyLimit({ maxSize: options.maxBodyBytes }));

  app.post('/:service/:method', async (c) => {
    const service = SERVICES.get(c.req.param('service'));
    const method = service?.methods.find((m) => m.name === c.req.param('method'));
    if (!service || !method || method.methodKind !== 'unary')
      return c.json({ error: 'not a unary method of the commerce services' }, 404);
    let request: Uint8Array;
    try {
      request = toBinary(method.input, fromJson(method.input, (await c.req.json()) as JsonValue));
    } catch (error) {
      return c.json({ error: `not a ${method.input.typeName}: ${(error as Error).message}` }, 400);
    }
    const metadata = new grpc.Metadata();
    for (const name of FORWARDED) {
      const value = c.req.header(name);
      if (value !== undefined) metadata.set(name, value);
    }
    const address = options.target();
    client ??= new grpc.Client(address, grpc.credentials.createInsecure());
    const started = performance.now();
    const { response, status } = await callRaw(
      client,
      `/${service.typeName}/${method.name}`,
      request,
      metadata,
    );
    const latencyMs = performance.now() - started;
    const message = response ? toJson(method.output, fromBinary(method.output, response)) : null;
    return c.json({
      address,
      code: status.code,
      status: grpc.status[status.code],
      message: status.details,
      response: message,
      trailers: trailersOf(status.metadata),
      request_bytes: request.length,
      response_bytes: response?.length ?? 0,
      latency_ms: latencyMs,
    });
  });
  return app;
}
