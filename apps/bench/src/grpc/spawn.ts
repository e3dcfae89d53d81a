import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server in its own process, so the load generator never shares its event loop. */
export interface Spawned<T> {
  readonly ready: T;
  readonly pid: number;
  stop(): void;
}

/** Runs `script` (TS, via tsx) with `args` and waits for the `READY {json}` line it prints. */
export async function spawnReady<T>(script: string, args: string[] = []): Promise<Spawned<T>> {
  const child = spawn(
    process.execPath,
    ['--conditions=@commerce/source', '--import', 'tsx', script, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
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
    pid: child.pid ?? 0,
    stop: () => child.kill('SIGTERM'),
  };
}
