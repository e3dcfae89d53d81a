import { type Commerce, noopObserver, type RequestObserver } from '@commerce/core';
import { EventService, Health, OrderService, PaymentService } from '@commerce/proto';
import type { GrpcService } from './bridge.js';
import { eventService } from './event-service.js';
import { healthService } from './health.js';
import { orderService } from './order-service.js';
import { paymentService } from './payment-service.js';
import { reflectionServices } from './reflection.js';
import type { RpcEnv } from './rpc.js';

export interface GrpcServicesOptions {
  commerce: Commerce;
  /** Where each call is reported (protocol `grpc`, operation = method name). */
  observer?: RequestObserver;
  /** Fires when the server starts shutting down: open streams end with UNAVAILABLE. */
  shutdownSignal?: AbortSignal;
  /** Told about every `internal` failure with its cause (the client sees only `internal error`). */
  onInternalError?: RpcEnv['onInternalError'];
  /** Told once each call has ended: its request id, method, status and duration (an access log). */
  onCallEnded?: RpcEnv['onCallEnded'];
}

/** What the composition root adds to its `grpc.Server`. */
export interface GrpcServices {
  /** Order, Payment and Event services, health and reflection: `server.addService` each. */
  readonly services: readonly GrpcService[];
  /** Health status of the server and every service: SERVING or NOT_SERVING (starts NOT_SERVING). */
  setServing(serving: boolean): void;
}

/**
 * The gRPC adapter: service definitions and implementations for the whole commerce API, plus
 * `grpc.health.v1` and server reflection. It never binds a port; the caller owns the server.
 *
 * @example
 * const grpcServices = createGrpcServices({ commerce, observer });
 * const server = new grpc.Server(grpcServerOptions());
 * for (const s of grpcServices.services) server.addService(s.definition, s.implementation);
 * grpcServices.setServing(true);
 */
export function createGrpcServices(options: GrpcServicesOptions): GrpcServices {
  const env: RpcEnv = {
    commerce: options.commerce,
    observer: options.observer ?? noopObserver,
    shutdownSignal: options.shutdownSignal ?? new AbortController().signal,
    onInternalError: options.onInternalError,
    onCallEnded: options.onCallEnded,
  };
  const generated = [OrderService, PaymentService, EventService];
  const health = healthService(generated.map((s) => s.typeName));
  return {
    services: [
      orderService(env),
      paymentService(env),
      eventService(env),
      ...health.services,
      ...reflectionServices([...generated, Health]),
    ],
    setServing: health.setServing,
  };
}
