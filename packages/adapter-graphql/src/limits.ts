import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** What one operation may cost before it is rejected, unexecuted, with the limit named. */
export interface GraphqlLimits {
  /** Deepest field nesting (`orders.edges.node.payments.order.id` is 6). */
  maxDepth: number;
  /** graphql-armor's cost: objects 2, scalars 1, multiplied by 1.5 per level of depth. */
  maxCost: number;
  maxAliases: number;
  /** Lexical tokens in the document: caps parser work before anything else runs. */
  maxTokens: number;
  maxDirectives: number;
}

export const DEFAULT_GRAPHQL_LIMITS: GraphqlLimits = {
  maxDepth: 8,
  maxCost: 5_000,
  maxAliases: 15,
  maxTokens: 1_000,
  maxDirectives: 50,
};

/**
 * Report a rejection as a validation error rather than throw it out of `validate`: then it is a
 * request error (HTTP 400, no `data`) as GraphQL-over-HTTP asks, not a 200 as if it had run.
 */
const asValidationErrors = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error),
  ],
};

/** graphql-armor's plugins for the limits; field suggestions are hidden unless introspection is on. */
export function limitPlugins(limits: GraphqlLimits, introspection: boolean): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, ...asValidationErrors },
    costLimit: { maxCost: limits.maxCost, ...asValidationErrors },
    maxAliases: { n: limits.maxAliases, ...asValidationErrors },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives, ...asValidationErrors },
    blockFieldSuggestion: { enabled: !introspection },
  });
  return armor.protect().plugins as Plugin[];
}
