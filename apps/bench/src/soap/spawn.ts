import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { procCpuMicros } from '../spawn-server.js';

/** A server in its own process, so the load generator never shares its event loop. */
export interface Spawned<T> {
  readonly ready: T;
  /**
   * CPU time (user + system) the server process has used so far, in µs; undefined without
   * Linux `/proc`. Its delta per call stays meaningful when other work shares the machine,
   * where calls/s does not.
   */
  cpuMicros(): number | undefined;
  stop(): void;
}

/**
 * Runs `script` (TS, via tsx) with extra `env` and waits for the `READY {json}` line it prints.
 * `nodeArgs` go before the script (e.g. `--cpu-prof` when BENCH_SOAP_CPU_PROF is set).
 */
export async function spawnReady<T>(
  script: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Spawned<T>> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=@commerce/source', '--import', 'tsx', script],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (l) => {
      if (l.startsWith('READY ')) resolve(l.slice('READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    ready: JSON.parse(line) as T,
    cpuMicros: () => (child.pid === undefined ? undefined : procCpuMicros(child.pid)),
    stop: () => child.kill('SIGTERM'),
  };
}

/**
 * Prints the line `spawnReady` waits for, and exits cleanly on SIGTERM from then on, so that a
 * `--cpu-prof` profile (BENCH_SOAP_CPU_PROF) gets written.
 */
export function announce(ready: Record<string, string>): void {
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
  process.once('SIGTERM', () => process.exit(0));
}
