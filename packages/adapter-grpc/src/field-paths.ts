/**
 * A core field path (`items[0].unitPrice`) as the protobuf field path of the request
 * (`items[0].unit_price`). `renames` maps the core's leading segment to the request's own field
 * where the two differ (e.g. the core's `id` is `order_id` in GetOrderRequest).
 */
export function toRequestFieldPath(
  corePath: string,
  renames: Readonly<Record<string, string>> = {},
): string {
  const match = /^([A-Za-z]\w*)(.*)$/.exec(corePath);
  const head = match?.[1];
  const rest = match?.[2] ?? '';
  const renamed =
    head !== undefined && renames[head] !== undefined ? renames[head] + rest : corePath;
  return renamed.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** List requests page with `page_token`/`page_size` where the core says `cursor`/`limit`. */
export const PAGING_RENAMES: Readonly<Record<string, string>> = {
  cursor: 'page_token',
  limit: 'page_size',
};
