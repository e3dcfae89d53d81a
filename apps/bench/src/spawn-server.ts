import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  /** An existing order id to read. */
  id: string;
  stop(): void;
}

const READY = 'READY ';

/**
 * Runs a server script in its own process (so the load generator does not share its event
 * loop) and waits for the `{"url","id"}` line it prints when ready.
 */
export async function spawnServer(script: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@commerce/source', '--import', 'tsx', script],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!child.stdout) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith(READY)) resolve(line.slice(READY.length));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const { url, id } = JSON.parse(ready) as { url: string; id: string };
  return { url, id, stop: () => child.kill('SIGTERM') };
}
