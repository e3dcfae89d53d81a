import { describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer } from '../support/test-server.js';
import { answerTo, connectWs, ofType } from './ws-client.js';

describe('WebSocket: stream slots and shutdown', () => {
  it('refuses a connection over STREAMS_MAX_PER_KEY with 4429, serves other keys, frees on close', async () => {
    await using t = await startTestServer({ STREAMS_MAX_PER_KEY: '1' });
    const held = await connectWs(t.url, keys.alice);
    await held.next(ofType('welcome'));

    const refused = await connectWs(t.url, keys.alice);
    expect((await refused.closed).code).toBe(4429);
    expect(refused.frames).toMatchObject([{ type: 'error', code: 'rate_limited' }]);
    expect(refused.frames[0]?.retry_after_ms).toBeGreaterThan(0);

    const other = await connectWs(t.url, keys.bob);
    await other.next(ofType('welcome'));
    other.socket.close();

    held.socket.close();
    await held.closed;
    await expect
      .poll(
        async () => {
          const again = await connectWs(t.url, keys.alice);
          const first = await again.next(() => true);
          again.socket.close();
          return first.type;
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe('welcome');
  });

  it('closes every connection with 1001 when the server shuts down', async () => {
    await using t = await startTestServer();
    const client = await connectWs(t.url, keys.admin);
    client.send({ type: 'subscribe', id: 's', channel: 'events' });
    await client.next(answerTo('s'));
    await t.server.close();
    expect(await client.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });
});
