import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionSignal } from './connection-signal.js';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server answering every request with 200, recording each request's signal. */
async function signalServer() {
  const signals: AbortSignal[] = [];
  const server = createServer((req, res) => {
    signals.push(connectionSignal(req));
    res.end('ok');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, signals };
}

const get = (port: number, agent: Agent) =>
  new Promise<void>((resolve, reject) => {
    request({ port, host: '127.0.0.1', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });

describe('connectionSignal', () => {
  it('is shared by the requests of one keep-alive connection and aborts when it closes', async () => {
    const { port, signals } = await signalServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await get(port, agent);
    await get(port, agent);
    expect(signals).toHaveLength(2);
    expect(signals[1]).toBe(signals[0]);
    expect(signals[0]?.aborted).toBe(false);

    agent.destroy();
    await new Promise<void>((resolve) => signals[0]?.addEventListener('abort', () => resolve()));
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toMatchObject({ message: 'client closed the connection' });
  });

  it('gives another connection a signal of its own', async () => {
    const { port, signals } = await signalServer();
    const first = new Agent({ keepAlive: true });
    const second = new Agent({ keepAlive: true });
    await get(port, first);
    await get(port, second);
    expect(signals[1]).not.toBe(signals[0]);
    first.destroy();
    await new Promise<void>((resolve) => signals[0]?.addEventListener('abort', () => resolve()));
    expect(signals[1]?.aborted).toBe(false);
    second.destroy();
  });
});
