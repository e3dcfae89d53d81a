import { encodeCursor, type Page } from '@commerce/core';

/** A Relay connection of one page of the core's cursor pagination (forward only). */
export function toConnection<T extends { id: string; createdAt: string }>(page: Page<T>) {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    nodes: page.items,
    pageInfo: {
      hasNextPage: page.nextCursor !== null,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** GraphQL passes explicit nulls for optional arguments; the core expects them absent. */
export function defined<T extends Record<string, unknown>>(
  args: T,
): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
