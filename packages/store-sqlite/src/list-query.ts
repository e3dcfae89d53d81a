import type { PageRequest } from '@commerce/core';

export interface ListQuery {
  text: string;
  params: (string | number)[];
}

/**
 * `SELECT *` from `table` ordered by (created_at desc, id desc), keeping rows whose column
 * equals each defined filter value, paged by keyset (`after` is exclusive) or by offset.
 * Table and column names come from this package, never from callers.
 */
export function pageQuery(
  table: string,
  filters: Record<string, string | undefined>,
  page: PageRequest,
): ListQuery {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  if (page.kind === 'cursor' && page.after) {
    conditions.push('(created_at, id) < (?, ?)');
    params.push(page.after.createdAt, page.after.id);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  let text = `SELECT * FROM ${table}${where} ORDER BY created_at DESC, id DESC LIMIT ?`;
  params.push(page.limit);
  if (page.kind === 'offset') {
    text += ' OFFSET ?';
    params.push(page.offset);
  }
  return { text, params };
}
