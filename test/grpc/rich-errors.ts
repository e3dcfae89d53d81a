import { fromBinary, type Message } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import {
  BadRequestSchema,
  ErrorDetailSchema,
  ErrorInfoSchema,
  RetryInfoSchema,
  StatusSchema,
} from '@commerce/proto';
import type * as grpc from '@grpc/grpc-js';

/** Calls a unary method and returns the raw grpc-js error (code, trailers). */
export function rawError(
  client: grpc.Client,
  method: string,
  request: Message | Buffer,
  metadata: grpc.Metadata,
  options: grpc.CallOptions = {},
) {
  return new Promise<grpc.ServiceError>((resolve, reject) => {
    (client as unknown as Record<string, (...a: unknown[]) => void>)[method]?.call(
      client,
      request,
      metadata,
      options,
      (error: grpc.ServiceError | null) =>
        error ? resolve(error) : reject(new Error('expected an error')),
    );
  });
}

/** The google.rpc.Status of a failed call (grpc-status-details-bin), its details decoded. */
export function detailsOf(error: grpc.ServiceError) {
  const raw = error.metadata.get('grpc-status-details-bin')[0] as Buffer;
  const status = fromBinary(StatusSchema, raw);
  const find = <S extends Parameters<typeof anyUnpack>[1]>(schema: S) =>
    status.details.map((d) => anyUnpack(d, schema)).find((m) => m !== undefined);
  return {
    status,
    info: find(ErrorInfoSchema),
    badRequest: find(BadRequestSchema),
    retry: find(RetryInfoSchema),
    detail: find(ErrorDetailSchema),
  };
}
