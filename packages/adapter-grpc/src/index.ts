export {
  bridgeService,
  type GrpcService,
  type HandlerOf,
  type Incoming,
  MalformedMessage,
  type ServiceHandlers,
  serviceDefinition,
} from './bridge.js';
export {
  createGrpcServices,
  type GrpcServices,
  type GrpcServicesOptions,
} from './grpc-services.js';
export { REQUEST_ID_KEY, STATUS_DETAILS_KEY } from './rich-status.js';
export type { GrpcCallRecord } from './rpc.js';
export { DEFAULT_GRPC_LIMITS, type GrpcLimits, grpcServerOptions } from './server-options.js';
export { ERROR_DOMAIN, GRPC_STATUS } from './status-codes.js';
export { eventToProto, orderToProto, paymentToProto } from './to-proto.js';
