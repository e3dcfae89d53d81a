import { invalidArgument, type Page, type PageInput } from '@commerce/core';
import type { Context } from 'hono';
import type { RestEnv } from '../env.js';

/** A query parameter, undefined when absent or empty. */
export const queryText = (c: Context<RestEnv>, name: string): string | undefined => {
  const value = c.req.query(name);
  return value === undefined || value === '' ? undefined : value;
};

/** A numeric query parameter; anything unparsable becomes NaN, which the core rejects by name. */
export const queryNumber = (c: Context<RestEnv>, name: string): number | undefined => {
  const value = queryText(c, name);
  return value === undefined
    ? undefined
    : /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : Number.NaN;
};

/** `?wait=<seconds>` of a long poll: at least 0, capped at the server's maximum. */
export function waitSeconds(c: Context<RestEnv>, maxSeconds: number): number {
  const wait = queryNumber(c, 'wait');
  if (wait === undefined) return 0;
  if (!Number.isFinite(wait) || wait < 0) {
    throw invalidArgument('wait', `must be a number of seconds from 0 (capped at ${maxSeconds})`);
  }
  return Math.min(wait, maxSeconds);
}

/** `rel="next"` Link header for a list: the same query with the next cursor or page. */
export function nextLink(
  c: Context<RestEnv>,
  page: { nextCursor: string | null; page: number | null },
): Record<string, string> {
  if (page.nextCursor === null) return {};
  const url = new URL(c.req.url);
  if (page.page === null) url.searchParams.set('cursor', page.nextCursor);
  else url.searchParams.set('page', String(page.page + 1));
  return { Link: `<${url.pathname}${url.search}>; rel="next"` };
}

/** The paging part of a list query: `?cursor=` or `?page=`, and `?limit=`. */
export const pageQuery = (c: Context<RestEnv>): PageInput => ({
  cursor: queryText(c, 'cursor'),
  page: queryNumber(c, 'page'),
  limit: queryNumber(c, 'limit'),
});

/** A list response: the page's items on the wire, paging fields, no caching, `Link` to the next page. */
export function listResponse<T>(c: Context<RestEnv>, page: Page<T>, toWire: (item: T) => unknown) {
  const body = {
    data: page.items.map(toWire),
    next_cursor: page.nextCursor,
    page: page.page,
    limit: page.limit,
  };
  return c.json(body, 200, { 'Cache-Control': 'private, no-store', ...nextLink(c, page) });
}
