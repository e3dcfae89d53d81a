import { EventEmitter } from 'node:events';
import { createContext, sleep } from '@commerce/core';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createOutbox } from './outbox.js';
import { createSubscriptions } from './subscriptions.js';

/** A socket whose queue the test controls: sends call back only when `flush` is called. */
function fakeSocket() {
  const socket = Object.assign(new EventEmitter(), {
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 0,
    sent: [] as string[],
    callbacks: [] as (() => void)[],
    send(data: string, callback: () => void) {
      socket.sent.push(data);
      socket.bufferedAmount += data.length;
      socket.callbacks.push(callback);
    },
    flush() {
      socket.bufferedAmount = 0;
      for (const callback of socket.callbacks.splice(0)) callback();
    },
  });
  return socket;
}

describe('outbox', () => {
  it('makes senders wait above the high-water mark until the socket drains', async () => {
    const socket = fakeSocket();
    const outbox = createOutbox(socket as unknown as WebSocket, 30);
    await outbox.send({ n: 1 }); // below the mark: at once
    let drained = false;
    const waiting = outbox.send({ n: 2, pad: 'x'.repeat(40) }).then(() => {
      drained = true;
    });
    await sleep(10);
    expect(drained).toBe(false);
    socket.flush();
    await waiting;
    expect(socket.sent.map((s) => JSON.parse(s).n)).toEqual([1, 2]);
  });

  it('ends the wait when the socket closes, and drops frames once it is not open', async () => {
    const socket = fakeSocket();
    const outbox = createOutbox(socket as unknown as WebSocket, 0);
    const waiting = outbox.send({ n: 1 });
    socket.readyState = WebSocket.CLOSED;
    socket.emit('close');
    await waiting;
    await outbox.send({ n: 2 });
    expect(socket.sent).toHaveLength(1);
  });
});

describe('subscriptions', () => {
  const ctx = createContext({ principal: { id: 'key_1', role: 'admin', customerId: null } });

  it('caps a connection, names each, stops them on close and reports only real failures', async () => {
    const onFailure = vi.fn();
    const subs = createSubscriptions({ max: 2, onFailure, onChange: () => {} });
    const first = subs.open(ctx);
    const second = subs.open(ctx);
    expect([first.name, second.name]).toEqual(['sub_1', 'sub_2']);
    expect(() => subs.open(ctx)).toThrow(expect.objectContaining({ code: 'rate_limited' }));

    const stopped = new Promise<void>((resolve) =>
      first.start(async (scoped) => {
        await new Promise((r) => scoped.signal.addEventListener('abort', r));
        resolve();
        throw new Error('aborted');
      }),
    );
    second.start(async () => {
      throw new Error('boom');
    });
    expect(subs.close('sub_1')).toBe(true);
    expect(subs.close('sub_1')).toBe(false);
    await stopped;
    await vi.waitFor(() => expect(subs.size).toBe(0));
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]?.[2]).toBe('sub_2');
  });

  it('refuses new subscriptions once the connection has closed', () => {
    const subs = createSubscriptions({ max: 2, onFailure: () => {}, onChange: () => {} });
    subs.closeAll();
    expect(() => subs.open(ctx)).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });
});
