import type { ServerOptions } from '@grpc/grpc-js';

/** Limits of the gRPC server; the composition root passes them to `new grpc.Server(...)`. */
export interface GrpcLimits {
  /** Largest request / response message, bytes (4 MiB: an ImportOrders item is far smaller). */
  maxMessageBytes: number;
  /** Concurrent calls one HTTP/2 connection may have open. */
  maxConcurrentStreams: number;
  /** Ping an idle connection this often to find dead peers... */
  keepaliveTimeMs: number;
  /** ...and drop it when the ping is not answered within this. */
  keepaliveTimeoutMs: number;
}

export const DEFAULT_GRPC_LIMITS: GrpcLimits = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxConcurrentStreams: 100,
  keepaliveTimeMs: 60_000,
  keepaliveTimeoutMs: 20_000,
};

/** grpc-js server options for the limits: message sizes, keepalive, streams per connection. */
export function grpcServerOptions(limits: Partial<GrpcLimits> = {}): ServerOptions {
  const l = { ...DEFAULT_GRPC_LIMITS, ...limits };
  return {
    'grpc.max_receive_message_length': l.maxMessageBytes,
    'grpc.max_send_message_length': l.maxMessageBytes,
    'grpc.max_concurrent_streams': l.maxConcurrentStreams,
    'grpc.keepalive_time_ms': l.keepaliveTimeMs,
    'grpc.keepalive_timeout_ms': l.keepaliveTimeoutMs,
    'grpc.keepalive_permit_without_calls': 1,
  };
}
