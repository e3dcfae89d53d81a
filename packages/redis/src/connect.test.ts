import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openRedis, redactedUrl } from './connect.js';

describe('openRedis', () => {
  it('fails fast, naming the redacted URL, when nothing listens', async () => {
    await expect(
      openRedis({ url: 'redis://:secret@127.0.0.1:1', connectTimeoutMs: 2_000 }),
    ).rejects.toThrow(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 is unreachable: .*ECONNREFUSED/);
  });

  it('gives up after the connect timeout when the peer never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      await expect(
        openRedis({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 300 }),
      ).rejects.toThrow(/is unreachable/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.close();
    }
  });

  it('redacts only the password', () => {
    expect(redactedUrl('redis://user:pw@cache:6380/2')).toBe('redis://user:***@cache:6380/2');
    expect(redactedUrl('redis://cache:6379')).toBe('redis://cache:6379');
  });
});
