import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createCommerce, createContext } from '@commerce/core';
import { openSqliteStore } from '@commerce/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Running {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves with the first log line matching `predicate`. */
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'commerce-main-'));
  dirs.push(dir);
  return dir;
}

/** Runs the server entry point from source, as `node --import tsx --conditions=@commerce/source src/main.ts`. */
function run(env: Record<string, string>): Running {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@commerce/source', 'src/main.ts'],
    {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', GRPC_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const logs: Record<string, unknown>[] = [];
  const waiters: {
    predicate: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { msg: text, not_json: true };
    }
    logs.push(line);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(line)) waiter.resolve(line);
      else waiters.push(waiter);
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog(predicate, timeoutMs = 15_000) {
      const seen = logs.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no matching log line; stdout: ${JSON.stringify(logs)} stderr: ${stderr}`),
            ),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(
            new Error(
              `exited before a matching log line; stdout: ${JSON.stringify(logs)} stderr: ${stderr}`,
            ),
          );
        });
      });
    },
  };
}

const isListening = (line: Record<string, unknown>) =>
  typeof line.msg === 'string' && line.msg.startsWith('listening on ');

describe('the server process', () => {
  it('logs its URLs, serves, and exits 0 after SIGTERM', async () => {
    const server = run({ DATA_DIR: tempDir() });
    const listening = await server.waitForLog(isListening);
    const url = listening.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    expect(listening.msg).toBe(`listening on ${url}`);
    expect(listening).toMatchObject({
      level: 'info',
      urls: {
        http: url,
        healthz: `${url}/healthz`,
        readyz: `${url}/readyz`,
        metrics: `${url}/metrics`,
        grpc: `http://127.0.0.1:${listening.grpc_port}`,
      },
    });
    expect(listening.grpc_port).toEqual(expect.any(Number));
    expect(listening.grpc_port).not.toBe(0);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const response = await fetch(`${url}/nowhere`, {
      headers: { 'X-Request-Id': 'req-process-1' },
    });
    expect(response.status).toBe(404);
    const requestLine = await server.waitForLog((line) => line.request_id === 'req-process-1');
    expect(requestLine).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/nowhere',
      status: 404,
    });
    expect(requestLine.trace_id).toMatch(/^[0-9a-f]{32}$/);

    // The node:http endpoints in front of the app (SOAP, GraphQL) write the same access line.
    const soapFault = await fetch(`${url}/soap`, {
      method: 'POST',
      headers: { 'X-Request-Id': 'req-process-soap', 'Content-Type': 'text/xml' },
      body: '<not-xml',
    });
    expect(soapFault.status).toBe(500);
    expect(soapFault.headers.get('x-request-id')).toBe('req-process-soap');
    const wsdl = await fetch(`${url}/soap?wsdl`, {
      headers: { 'X-Request-Id': 'req-process-wsdl' },
    });
    expect(wsdl.headers.get('x-request-id')).toBe('req-process-wsdl');
    await wsdl.text();
    const graphql = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'X-Request-Id': 'req-process-gql', 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.headers.get('x-request-id')).toBe('req-process-gql');
    for (const [requestId, method, path, status] of [
      ['req-process-soap', 'POST', '/soap', soapFault.status],
      ['req-process-wsdl', 'GET', '/soap', 200],
      ['req-process-gql', 'POST', '/graphql', graphql.status],
    ] as const) {
      const line = await server.waitForLog((l) => l.request_id === requestId);
      // A malformed envelope is the caller's mistake: info, though SOAP 1.1 answers it with a 500.
      expect(line).toMatchObject({ level: 'info', msg: 'request', method, path, status });
    }

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['shutting down', 'stopped']),
    );
    expect(server.logs.every((line) => !line.not_json)).toBe(true);
  });

  it('exits 2 with a clear message on invalid configuration', async () => {
    const server = run({ PORT: 'abc', LOG_LEVEL: 'chatty', DATA_DIR: tempDir() });
    expect(await server.exited).toEqual({ code: 2, signal: null });
    const stderr = server.stderr();
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain('PORT: must be an integer from 0 to 65535');
    expect(stderr).toContain('LOG_LEVEL: must be one of');
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(server.logs).toEqual([]);
  });

  it('exits 2 when only half of the scale-out mode is configured', async () => {
    const server = run({ DATABASE_URL: 'postgres://127.0.0.1/commerce', DATA_DIR: tempDir() });
    expect(await server.exited).toEqual({ code: 2, signal: null });
    expect(server.stderr()).toContain('REDIS_URL: the scale-out mode needs both');
  });

  it('exits 1 at once, naming the service, when PostgreSQL is unreachable', async () => {
    const server = run({
      DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/commerce',
      REDIS_URL: 'redis://127.0.0.1:1',
      CONNECT_TIMEOUT_MS: '2000',
    });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    const fatal = server.logs.find((line) => line.level === 'fatal');
    expect(JSON.stringify(fatal)).toContain(
      'PostgreSQL at postgres://app:***@127.0.0.1:1/commerce is unreachable',
    );
    expect(JSON.stringify(server.logs)).not.toContain('hunter2');
  });

  it('exits 1 at once on a second signal while a shutdown waits for a job', async () => {
    const dataDir = tempDir();
    // A slow payment waiting in the queue: the server's worker leases it at start.
    const store = await openSqliteStore({ path: join(dataDir, 'commerce.db') });
    const commerce = createCommerce({ store });
    const admin = createContext({ principal: { id: 'admin', role: 'admin', customerId: null } });
    const { value: order } = await commerce.orders.create(admin, {
      customerId: 'cus_alice',
      items: [{ sku: 'sku-book', quantity: 1, unitPrice: 1250 }],
      currency: 'EUR',
    });
    const { value: payment } = await commerce.payments.create(admin, {
      orderId: order.id,
      paymentMethod: 'pm_card_slow',
    });

    try {
      const server = run({
        DATA_DIR: dataDir,
        PAYMENT_SLOW_SECONDS: '120',
        SHUTDOWN_DRAIN_MS: '60000',
      });
      await server.waitForLog(isListening);
      const deadline = Date.now() + 10_000;
      while ((await store.jobs.get(payment.jobId))?.status !== 'running') {
        if (Date.now() > deadline) throw new Error('the server never leased the job');
        await sleep(50);
      }
      server.child.kill('SIGTERM');
      await server.waitForLog((line) => line.msg === 'shutting down');
      await sleep(200);
      expect(server.child.exitCode).toBeNull();
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 1, signal: null });
    } finally {
      await commerce.close();
      await store.close();
    }
  });
});
