import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../settings.js';
import { encodeCursor, toPage, toPageRequest } from './pagination.js';

const settings = defaultSettings.pagination;

describe('pagination', () => {
  it('round-trips an opaque cursor and asks the store for one extra row', () => {
    const cursor = encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: 'ord_1' });
    expect(toPageRequest({ cursor, limit: 10 }, settings)).toEqual({
      kind: 'cursor',
      after: { createdAt: '2026-01-01T00:00:00.000Z', id: 'ord_1' },
      limit: 11,
    });
  });

  it('sets nextCursor only when there is more', () => {
    const rows = [1, 2, 3].map((i) => ({ createdAt: `t${i}`, id: `ord_${i}` }));
    const more = toPage(rows, { kind: 'cursor', after: null, limit: 3 });
    expect(more.items).toHaveLength(2);
    expect(more.nextCursor).toBe(encodeCursor(rows[1] ?? { createdAt: '', id: '' }));
    expect(
      toPage(rows.slice(0, 2), { kind: 'cursor', after: null, limit: 3 }).nextCursor,
    ).toBeNull();
  });

  it('maps page/limit to an offset', () => {
    expect(toPageRequest({ page: 3, limit: 10 }, settings)).toEqual({
      kind: 'offset',
      offset: 20,
      limit: 11,
    });
  });
});
