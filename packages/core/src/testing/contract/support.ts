import type { ListPosition, Store } from '../../ports/store.js';

/** The store under test; a fresh one is opened before every test. */
export type CurrentStore = () => Store;

/** The ids of `rows`, in order. */
export const ids = (rows: readonly { id: string }[]): string[] => rows.map((row) => row.id);

/** Sorts copies of `rows` by id, for results whose order the port leaves open. */
export const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** 1, 2, …, n. */
export const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** A promise and the function that resolves it, to hold a transaction open at a known point. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Lets other queued work run, so unserialized transactions would interleave. */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Follows cursor pages (each starting after the last row of the previous one) until an empty
 * page, checking every page respects `limit`; returns the rows in the order seen.
 */
export async function walkPages<T extends { id: string; createdAt: string }>(
  fetchPage: (after: ListPosition | null, limit: number) => Promise<T[]>,
  limit: number,
): Promise<T[]> {
  const seen: T[] = [];
  let after: ListPosition | null = null;
  for (let guard = 0; guard < 1_000; guard++) {
    const page = await fetchPage(after, limit);
    if (page.length > limit) throw new Error(`page of ${page.length} rows exceeds limit ${limit}`);
    const last = page.at(-1);
    if (!last) return seen;
    seen.push(...page);
    after = { createdAt: last.createdAt, id: last.id };
  }
  throw new Error('cursor pagination did not terminate');
}
