import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import type { ServerProcess } from '../spawn-server.js';
import { residentBytes, sleep, until } from './measure.js';
import { sseSubscriber } from './sse-subscriber.js';
import { type Subscriber, WireMeter } from './subscriber.js';

const TARGET_BYTES_PER_CONNECTION = 10 * 1024;
const KEY = 'sk_test_admin';

/** The server's JS heap + off-heap buffers after a full GC (see memory-probe.ts). */
async function liveBytes(pid: number, file: string): Promise<number> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  if (!(await until(() => existsSync(file), 10_000))) throw new Error('no memory report');
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
  return usage.heapUsed + usage.external;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/**
 * Opens `connections` idle SSE streams on `target` from its head (500 at a time) and reports
 * what each costs the server: resident memory (RSS delta: includes native socket and parser
 * state and the heap's free space, and moves ±1 KB a connection between runs) and live JS
 * memory after a full GC (heap + external, precise, excludes native state).
 */
export async function measureIdleSse(
  target: { name: string; server: ServerProcess; produced: number },
  memoryFile: string,
  connections: number,
) {
  const { url, pid } = target.server;
  const after = target.produced;
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const meter = new WireMeter();
  await sleep(1_000);
  const rssBefore = residentBytes(pid);
  const liveBefore = await liveBytes(pid, memoryFile);
  const subscribers: Subscriber[] = [];
  for (let i = 0; i < connections; i += 500) {
    const batch = Array.from({ length: Math.min(500, connections - i) }, () =>
      sseSubscriber(url, KEY, after, meter, agent),
    );
    await Promise.all(batch.map((s) => s.ready));
    subscribers.push(...batch);
  }
  await sleep(2_000);
  const rssOpen = residentBytes(pid);
  const liveOpen = await liveBytes(pid, memoryFile);
  for (const s of subscribers) s.close();
  agent.destroy();
  const rssPer = (rssOpen - rssBefore) / connections;
  const livePer = (liveOpen - liveBefore) / connections;
  const row = {
    server: target.name,
    connections,
    'RSS before (MB)': Math.round(rssBefore / 2 ** 20),
    'RSS open (MB)': Math.round(rssOpen / 2 ** 20),
    'RSS KB/conn': kb(rssPer),
    'JS heap+external KB/conn': kb(livePer),
    [`heap ≤ ${TARGET_BYTES_PER_CONNECTION / 1024} KB`]:
      livePer <= TARGET_BYTES_PER_CONNECTION ? 'yes' : 'NO',
    [`RSS ≤ ${TARGET_BYTES_PER_CONNECTION / 1024} KB`]:
      rssPer <= TARGET_BYTES_PER_CONNECTION ? 'yes' : 'NO',
  };
  return { row, rssPer, livePer };
}
