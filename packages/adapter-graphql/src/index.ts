export { GRAPHQL_ERROR_CODES } from './error-codes.js';
export { DEFAULT_GRAPHQL_LIMITS, type GraphqlLimits } from './limits.js';
export { createGraphqlNodeHandler, type GraphqlNodeHandler } from './node-handler.js';
export { createRequestContext, type GraphqlContext } from './request-context.js';
export { createCommerceSchema, typeDefs } from './schema.js';
export {
  createGraphqlWsHandler,
  type GraphqlWsHandler,
  type GraphqlWsOptions,
} from './ws-handler.js';
export {
  createGraphqlYoga,
  type GraphqlServerContext,
  type GraphqlYoga,
  type GraphqlYogaOptions,
} from './yoga.js';
