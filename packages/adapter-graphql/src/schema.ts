import { readFileSync } from 'node:fs';
import type { Commerce } from '@commerce/core';
import type { GraphQLSchema } from 'graphql';
import { createSchema } from 'graphql-yoga';
import type { GraphqlContext } from './request-context.js';
import { AmountScalar } from './resolvers/amount-scalar.js';
import { enumResolvers } from './resolvers/enums.js';
import { mutationResolvers } from './resolvers/mutation.js';
import { objectResolvers } from './resolvers/object-types.js';
import { queryResolvers } from './resolvers/query.js';
import { subscriptionResolvers } from './resolvers/subscription.js';

/** The SDL, read from `schema.graphql` at the package root (beside both `src/` and `dist/`). */
export const typeDefs = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** The executable schema: the SDL with resolvers that call `commerce`. */
export function createCommerceSchema(commerce: Commerce): GraphQLSchema {
  return createSchema<GraphqlContext>({
    typeDefs,
    resolvers: {
      Amount: AmountScalar,
      ...enumResolvers,
      ...objectResolvers,
      Query: queryResolvers(commerce),
      Mutation: mutationResolvers(commerce),
      Subscription: subscriptionResolvers(commerce),
    },
  });
}
