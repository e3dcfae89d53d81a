import type { RequestObserver } from '@commerce/core';
import { type GraphQLError, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { coreCodeOf } from './error-codes.js';

function outcomeOf(errors: readonly GraphQLError[] | undefined) {
  const first = errors?.[0];
  if (!first) return 'ok';
  return coreCodeOf(first.extensions.code) ?? 'invalid_argument';
}

/**
 * Reports every executed operation to the runtime's observer. The label is the root fields
 * (`createOrder`, `orders+order`), not the client's operation name: names are chosen by
 * clients and would give the metrics unbounded cardinality.
 */
export function observerPlugin(observer: RequestObserver): Plugin {
  const observeFrom = (args: {
    document: Parameters<typeof getOperationAST>[0];
    operationName?: string | null;
  }) => {
    const started = performance.now();
    const ast = getOperationAST(args.document, args.operationName);
    const fields = ast?.selectionSet.selections
      .map((s) => (s.kind === 'Field' ? s.name.value : '…'))
      .join('+');
    const operation = `${ast?.operation ?? 'unknown'} ${fields ?? ''}`.trim();
    return (result: unknown) => {
      if (isAsyncIterable(result)) return;
      const errors = (result as { errors?: readonly GraphQLError[] }).errors;
      observer.observe({
        protocol: 'graphql',
        operation,
        outcome: outcomeOf(errors),
        durationMs: performance.now() - started,
      });
    };
  };
  return {
    onExecute({ args }) {
      const done = observeFrom(args);
      return { onExecuteDone: ({ result }) => done(result) };
    },
    onSubscribe({ args }) {
      const done = observeFrom(args);
      return { onSubscribeResult: ({ result }) => done(isAsyncIterable(result) ? {} : result) };
    },
  };
}
