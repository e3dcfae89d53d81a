import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { procCpuMicros } from '../spawn-server.js';

/** A server in its own process, so the load generator never shares its event loop. */
export interface Spawned<T> {
  readonly ready: T;
  readonly pid: number;
  /** CPU µs (user + system) the server process has used so far; undefined without `/proc`. */
  cpuMicros(): number | undefined;
  /** SIGTERM, resolved once the process has exited (and written any `--cpu-prof` profile). */
  stop(): Promise<void>;
}

/**
 * Runs `script` (TS, via tsx) with `args` and waits for the `READY {json}` line it prints.
 * `nodeArgs` go before the script (e.g. `--cpu-prof`).
 */
export async function spawnReady<T>(
  script: string,
  args: string[] = [],
  nodeArgs: readonly string[] = [],
): Promise<Spawned<T>> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=@commerce/source', '--import', 'tsx', script, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (l) => {
      if (l.startsWith('READY ')) resolve(l.slice('READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    ready: JSON.parse(line) as T,
    pid,
    cpuMicros: () => procCpuMicros(pid),
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
