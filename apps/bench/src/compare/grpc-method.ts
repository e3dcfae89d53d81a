import {
  create,
  type DescMessage,
  type DescMethod,
  fromBinary,
  type MessageInitShape,
  type MessageShape,
  toBinary,
} from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import type { PayloadCounter } from './http-call.js';

/** Serializer and deserializer of one generated method, counting message bytes in `payload`. */
export interface GrpcCodec<I extends DescMessage, O extends DescMessage> {
  path: string;
  serialize(message: MessageInitShape<I>): Buffer;
  deserialize(bytes: Buffer): MessageShape<O>;
}

/** The codec of a generated method (`OrderService.method.createOrder`). */
export function codec<I extends DescMessage, O extends DescMessage>(
  method: DescMethod & { input: I; output: O },
  payload: PayloadCounter,
): GrpcCodec<I, O> {
  return {
    path: `/${method.parent.typeName}/${method.name}`,
    serialize(message) {
      const bytes = Buffer.from(toBinary(method.input, create(method.input, message)));
      payload.sent += bytes.length;
      return bytes;
    },
    deserialize(bytes) {
      payload.received += bytes.length;
      return fromBinary(method.output, bytes);
    },
  };
}

/** One unary call with `metadata`; rejects with the gRPC error. */
export function unary<I extends DescMessage, O extends DescMessage>(
  client: grpc.Client,
  method: GrpcCodec<I, O>,
  request: MessageInitShape<I>,
  metadata: grpc.Metadata,
): Promise<MessageShape<O>> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      method.path,
      method.serialize,
      method.deserialize,
      request,
      metadata,
      (error, response) => (error || !response ? reject(error) : resolve(response)),
    );
  });
}

/** Call metadata: the API key, and an idempotency key when given. */
export function callMetadata(apiKey: string, idempotencyKey?: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${apiKey}`);
  if (idempotencyKey !== undefined) metadata.set('idempotency-key', idempotencyKey);
  return metadata;
}
