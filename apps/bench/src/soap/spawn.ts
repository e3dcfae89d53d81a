import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server in its own process, so the load generator never shares its event loop. */
export interface Spawned<T> {
  readonly ready: T;
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
  return { ready: JSON.parse(line) as T, stop: () => child.kill('SIGTERM') };
}

/** Prints the line `spawnReady` waits for. */
export function announce(ready: Record<string, string>): void {
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
}
