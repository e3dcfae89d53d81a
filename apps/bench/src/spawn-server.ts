import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  /** An existing order id to read. */
  id: string;
  /** The server's process id. */
  pid: number;
  /**
   * CPU time (user + system, all threads) the server process has used so far, in microseconds;
   * undefined where `/proc` is not available. Deltas of it give CPU per request, a measure that
   * stays meaningful when other processes share the machine.
   */
  cpuMicros(): number | undefined;
  /** SIGTERM, resolved once the process has exited (and written any `--cpu-prof` profile). */
  stop(): Promise<void>;
}

const READY = 'READY ';
/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const TICK_MICROS = 10_000;

/** utime + stime of `pid` from /proc (fields 14 and 15, after the parenthesized command). */
export function procCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  } catch {
    return undefined;
  }
}

/**
 * Runs a server script in its own process (so the load generator does not share its event
 * loop) and waits for the `{"url","id"}` line it prints when ready. `nodeArgs` go before the
 * script (e.g. `--cpu-prof`); `env` is added to this process's environment for the child.
 */
export async function spawnServer(
  script: string,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=@commerce/source', '--import', 'tsx', script],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  if (!child.stdout || child.pid === undefined) throw new Error('no stdout');
  const pid = child.pid;
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith(READY)) resolve(line.slice(READY.length));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const { url, id } = JSON.parse(ready) as { url: string; id: string };
  return {
    url,
    id,
    pid,
    cpuMicros: () => procCpuMicros(pid),
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
