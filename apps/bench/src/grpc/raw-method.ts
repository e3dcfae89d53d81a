import type * as grpc from '@grpc/grpc-js';

const identity = (bytes: Buffer) => bytes;

/** A method definition that passes message bytes through untouched (no protobuf work). */
export function rawMethod(
  path: string,
  responseStream: boolean,
): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  };
}
