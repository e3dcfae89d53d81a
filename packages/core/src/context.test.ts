import { describe, expect, it } from 'vitest';
import { createContext, formatTraceparent, parseTraceparent } from './context.js';

const principal = { id: 'key_1', role: 'admin', customerId: null } as const;

describe('operation context', () => {
  it('continues a valid traceparent with a new span', () => {
    const header = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const ctx = createContext({ principal, traceparent: header });
    expect(ctx.trace.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(ctx.trace.spanId).not.toBe('00f067aa0ba902b7');
    expect(formatTraceparent(ctx.trace)).toMatch(
      /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/,
    );
  });

  it('ignores malformed or all-zero trace ids', () => {
    expect(
      parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01'),
    ).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
  });

  it('keeps a well-formed request id and replaces a hostile one', () => {
    expect(createContext({ principal, requestId: 'abc-123' }).requestId).toBe('abc-123');
    expect(createContext({ principal, requestId: 'bad id\n' }).requestId).toMatch(
      /^req_[0-9a-f]{24}$/,
    );
  });

  it('aborts at the deadline', async () => {
    const ctx = createContext({ principal, timeoutMs: 10 });
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    expect(ctx.signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it("aborts with the caller's signal", () => {
    const caller = new AbortController();
    const ctx = createContext({ principal, signal: caller.signal, timeoutMs: 60_000 });
    caller.abort('gone');
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe('gone');
  });
});
