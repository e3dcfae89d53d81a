import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../apps/server/', import.meta.url));

/** One server process, as `node --import tsx src/main.ts` in apps/server. */
export interface Instance {
  readonly name: string;
  readonly url: string;
  /** `127.0.0.1:<gRPC port>`. */
  readonly grpcAddress: string;
  readonly child: ChildProcess;
  /** Parsed JSON log lines so far. */
  readonly logs: Record<string, unknown>[];
  /** A REST call with `key` (alice by default); the body parsed when it is JSON. */
  rest(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), and resolves once the process is gone. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
/** Kills every instance still running (an afterAll backstop). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts an instance on free ports and resolves once it logs that it listens. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@commerce/source', 'src/main.ts'],
    {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        GRPC_PORT: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        logs.push(line);
        if (String(line.msg).startsWith('listening on ')) resolve(line);
      } catch {
        logs.push({ msg: text });
      }
    });
    void exited.then(() =>
      reject(new Error(`${name} exited at start: ${JSON.stringify(logs)} ${stderr}`)),
    );
  });
  const line = await listening;
  const url = String(line.url);
  return {
    name,
    url,
    grpcAddress: `127.0.0.1:${String(line.grpc_port)}`,
    child,
    logs,
    async rest(method, path, options = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.key ?? 'sk_test_alice'}`,
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      const body = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
      return { status: response.status, headers: response.headers, body };
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
