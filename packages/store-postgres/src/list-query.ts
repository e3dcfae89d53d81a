import type { PageRequest } from '@commerce/core';

export interface ListQuery {
  text: string;
  values: (string | number)[];
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
  const values: (string | number)[] = [];
  const param = (value: string | number): string => {
    values.push(value);
    return `$${values.length}`;
  };
  for (const [column, value] of Object.entries(filters)) {
    if (value !== undefined) conditions.push(`${column} = ${param(value)}`);
  }
  if (page.kind === 'cursor' && page.after) {
    conditions.push(`(created_at, id) < (${param(page.after.createdAt)}, ${param(page.after.id)})`);
  }
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  let text = `SELECT * FROM ${table}${where} ORDER BY created_at DESC, id DESC LIMIT ${param(page.limit)}`;
  if (page.kind === 'offset') text += ` OFFSET ${param(page.offset)}`;
  return { text, values };
}
