import { z } from 'zod';
import { invalidArgument } from '../errors.js';
import type { ListPosition, PageRequest } from '../ports/store.js';
import type { CommerceSettings } from '../settings.js';

/** How a caller pages: an opaque cursor (preferred) or a 1-based page number. */
export interface PageInput {
  cursor?: string | undefined;
  page?: number | undefined;
  limit?: number | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  /** Set for page/limit requests: the page that was returned. */
  page: number | null;
  limit: number;
}

const positionSchema = z.object({ c: z.string().min(1), i: z.string().min(1) });

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt, i: position.id })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): ListPosition {
  try {
    const parsed = positionSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { createdAt: parsed.c, id: parsed.i };
  } catch {
    throw invalidArgument('cursor', 'is not a cursor returned by this API');
  }
}

/** Validates paging input and returns the store request, asking for one extra row to detect more. */
export function toPageRequest(
  input: PageInput,
  settings: CommerceSettings['pagination'],
): PageRequest {
  const limit = input.limit ?? settings.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > settings.maxLimit) {
    throw invalidArgument('limit', `must be an integer from 1 to ${settings.maxLimit}`);
  }
  if (input.cursor !== undefined && input.page !== undefined) {
    throw invalidArgument('page', 'cannot be combined with cursor');
  }
  if (input.page !== undefined) {
    if (!Number.isInteger(input.page) || input.page < 1 || input.page > 1_000_000) {
      throw invalidArgument('page', 'must be a positive integer');
    }
    return { kind: 'offset', offset: (input.page - 1) * limit, limit: limit + 1 };
  }
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  return { kind: 'cursor', after, limit: limit + 1 };
}

export function toPage<T extends ListPosition>(rows: T[], request: PageRequest): Page<T> {
  const limit = request.limit - 1;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  const page = request.kind === 'offset' ? request.offset / limit + 1 : null;
  return { items, nextCursor, page, limit };
}
