import { MAX_AMOUNT } from '@commerce/core';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function checked(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_AMOUNT) {
    throw new GraphQLError(`Amount must be an integer from 0 to ${MAX_AMOUNT} (minor units)`);
  }
  return value;
}

/** Minor units as a JSON integer up to 10^12: wider than GraphQL's 32-bit `Int`, never a float. */
export const AmountScalar = new GraphQLScalarType({
  name: 'Amount',
  serialize: checked,
  parseValue: checked,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError('Amount must be an integer literal');
    return checked(Number(ast.value));
  },
});
