import type { DescMethod, MessageShape } from '@bufbuild/protobuf';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import type * as grpc from '@grpc/grpc-js';

/**
 * What the deserializer hands over instead of throwing for bytes that are not a valid message:
 * grpc-js would answer a throwing deserializer with INTERNAL, but a malformed request is the
 * caller's fault (INVALID_ARGUMENT), so handlers receive this marker and answer for it.
 */
export class MalformedMessage {
  constructor(readonly reason: string) {}
}

type Input<M extends Pick<DescMethod, 'input'>> = MessageShape<M['input']>;
type Output<M extends Pick<DescMethod, 'output'>> = MessageShape<M['output']>;
/** A message read from a client stream: a request, or the marker for undecodable bytes. */
export type Incoming<M extends Pick<DescMethod, 'input'>> = Input<M> | MalformedMessage;

/** The grpc-js handler type of one generated method, by its streaming kind. */
export type HandlerOf<M extends GenServiceMethods[string]> = M['methodKind'] extends 'unary'
  ? grpc.handleUnaryCall<Incoming<M>, Output<M>>
  : M['methodKind'] extends 'server_streaming'
    ? grpc.handleServerStreamingCall<Incoming<M>, Output<M>>
    : M['methodKind'] extends 'client_streaming'
      ? grpc.handleClientStreamingCall<Incoming<M>, Output<M>>
      : grpc.handleBidiStreamingCall<Incoming<M>, Output<M>>;

/** Handlers for every method of a generated service, keyed by the method's local name. */
export type ServiceHandlers<S extends GenServiceMethods> = { [K in keyof S]: HandlerOf<S[K]> };

/** A grpc-js service definition and its implementation, ready for `server.addService`. */
export interface GrpcService {
  readonly name: string;
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

/**
 * The bridge: a protobuf-es generated service descriptor → a grpc-js service definition whose
 * (de)serializers are the generated `toBinary`/`fromBinary`, with the streaming flags of each
 * method's kind. The implementation is keyed like the definition (the local method name).
 */
export function bridgeService<S extends GenServiceMethods>(
  service: GenService<S>,
  handlers: ServiceHandlers<S>,
): GrpcService {
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of service.methods) {
    implementation[method.localName] = handlers[method.localName] as grpc.UntypedHandleCall;
  }
  return { name: service.typeName, definition: serviceDefinition(service), implementation };
}

/**
 * The grpc-js definition of a generated service alone: also what a client needs
 * (`grpc.makeGenericClientConstructor(serviceDefinition(OrderService), 'OrderService')`).
 */
export function serviceDefinition(service: GenService<GenServiceMethods>): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methods) {
    definition[method.localName] = methodDefinition(service.typeName, method);
  }
  return definition;
}

function methodDefinition(
  serviceName: string,
  method: DescMethod,
): grpc.MethodDefinition<unknown, unknown> {
  return {
    path: `/${serviceName}/${method.name}`,
    originalName: method.name,
    requestStream:
      method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming',
    responseStream:
      method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming',
    requestSerialize: (message) => Buffer.from(toBinary(method.input, message as never)),
    requestDeserialize: (bytes) => decode(method, bytes),
    responseSerialize: (message) => Buffer.from(toBinary(method.output, message as never)),
    responseDeserialize: (bytes) => fromBinary(method.output, bytes),
  };
}

function decode(method: DescMethod, bytes: Buffer): unknown {
  try {
    return fromBinary(method.input, bytes);
  } catch (error) {
    return new MalformedMessage(error instanceof Error ? error.message : 'undecodable message');
  }
}
