import { describe, expect, it } from 'vitest';
import { closeCodeFor, closeReason } from './close-codes.js';
import { parseClientFrame } from './protocol.js';

describe('parseClientFrame', () => {
  it('reads a subscribe with its resume point and filters', () => {
    const text = JSON.stringify({
      type: 'subscribe',
      id: 7,
      channel: 'events',
      after: 42,
      types: ['order.created'],
      extra: true,
    });
    expect(parseClientFrame(text)).toEqual({
      ok: true,
      message: { type: 'subscribe', id: 7, channel: 'events', after: 42, types: ['order.created'] },
    });
  });

  it.each([
    ['{not json', 'message', undefined],
    ['[1,2]', 'message', undefined],
    ['{"id":"a"}', 'type', 'a'],
    ['{"type":"launch","id":"b"}', 'type', 'b'],
    ['{"type":"subscribe","id":"c","channel":"orders"}', 'channel', 'c'],
    [
      '{"type":"subscribe","channel":"events","types":["order.created","nope"]}',
      'types[1]',
      undefined,
    ],
    ['{"type":"payment.cancel","id":{"x":1}}', 'payment_id', undefined],
  ])('%s is invalid_argument on %s, echoing the id when it is one', (text, field, id) => {
    const parsed = parseClientFrame(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.id).toBe(id);
    expect(parsed.error.code).toBe('invalid_argument');
    expect(parsed.error.details.fieldViolations?.map((v) => v.field)).toContain(field);
  });
});

describe('close codes', () => {
  it('maps the errors that end a connection', () => {
    expect(closeCodeFor('unauthenticated')).toBe(4401);
    expect(closeCodeFor('rate_limited')).toBe(4429);
    expect(closeCodeFor('internal')).toBe(1011);
  });

  it('keeps a reason within 123 bytes without splitting a character', () => {
    const reason = closeReason('é'.repeat(100));
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason).not.toContain('\uFFFD');
    expect(closeReason('short')).toBe('short');
  });
});
