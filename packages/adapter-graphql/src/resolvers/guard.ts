import { toGraphqlError } from '../error-codes.js';
import type { GraphqlContext } from '../request-context.js';

// biome-ignore lint/suspicious/noExplicitAny: resolvers of any shape
type AnyResolver = (parent: any, args: any, ctx: GraphqlContext, info: any) => unknown;
type FieldResolvers = Record<
  string,
  AnyResolver | { subscribe: AnyResolver; resolve: AnyResolver }
>;

const guardOne =
  (resolve: AnyResolver): AnyResolver =>
  async (parent, args, ctx, info) => {
    try {
      return await resolve(parent, args, ctx, info);
    } catch (error) {
      throw toGraphqlError(error, ctx.sink);
    }
  };

/**
 * Wraps every resolver of a type so that whatever it throws reaches the client as a GraphQL error
 * with the stable code and the request id, mapped in one place (`toGraphqlError`).
 */
export function guard<T extends FieldResolvers>(resolvers: T): T {
  return Object.fromEntries(
    Object.entries(resolvers).map(([field, resolver]) => [
      field,
      typeof resolver === 'function'
        ? guardOne(resolver)
        : { subscribe: guardOne(resolver.subscribe), resolve: resolver.resolve },
    ]),
  ) as T;
}
