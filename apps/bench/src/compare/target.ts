import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { procCpuMicros } from '../spawn-server.js';

/** The server under comparison: one process for every style. */
export interface Target {
  /** HTTP base URL (REST, GraphQL, SOAP, SSE, WebSocket, long polling, webhook API). */
  url: string;
  /** gRPC `host:port`. */
  grpc: string;
  /** The server's CPU time (user + system) so far, µs; undefined when its pid is unknown. */
  cpuMicros(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts compare/server.ts in its own process (so the load generator never shares its event
 * loop, and its CPU time is its own), or attaches to a running server when `url` is given
 * (`pid`, when known, gives CPU per call).
 */
export async function openTarget(running?: {
  url: string;
  grpc: string;
  pid?: number;
}): Promise<Target> {
  if (running) {
    const { pid } = running;
    return {
      url: running.url,
      grpc: running.grpc,
      cpuMicros: () => (pid === undefined ? undefined : procCpuMicros(pid)),
      stop: async () => {},
    };
  }
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@commerce/source', '--import', 'tsx', script],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => {
      if (l.startsWith('READY ')) resolve(l.slice('READY '.length));
    });
    child.once('exit', (code) => reject(new Error(`compare server exited with ${code}`)));
  });
  const pid = child.pid ?? 0;
  return {
    ...(JSON.parse(line) as { url: string; grpc: string }),
    cpuMicros: () => procCpuMicros(pid),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
