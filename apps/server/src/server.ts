import { setMaxListeners } from 'node:events';
import { createServer, Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Commerce, createCommerce } from '@commerce/core';
import { createHttpTransport, createTargetPolicy } from '@commerce/webhooks';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { adapterMounts, type ServerRuntime, serverAttachments } from './adapters.js';
import { type Backend, openBackend } from './backend.js';
import type { Config } from './config.js';
import { DEMO_KEYS } from './demo-keys.js';
import { listenGrpc } from './grpc-server.js';
import { createHttpApp, type HttpMount, type Readiness } from './http-app.js';
import { createLogger, type Logger, type ServerEnv } from './logger.js';
import { createMetrics } from './metrics.js';
import { createRequestRouter } from './request-router.js';
import { createUpgradeRouter } from './upgrade-router.js';

export interface StartOptions {
  /** Defaults to JSON logs on stdout at `config.logLevel`. */
  logger?: Logger;
  /** Extra HTTP mounts after the adapters' (tests, experiments). */
  mounts?: (runtime: ServerRuntime) => readonly HttpMount[];
}

export interface RunningServer {
  /** A URL that reaches the server, e.g. `http://127.0.0.1:8080` (loopback when bound to all interfaces). */
  readonly url: string;
  /** The port actually bound (useful with `PORT=0`). */
  readonly port: number;
  /** The gRPC port actually bound (useful with `GRPC_PORT=0`). */
  readonly grpcPort: number;
  readonly commerce: Commerce;
  /** The hono app served on the port (in-process requests in tests). */
  readonly app: Hono<ServerEnv>;
  /**
   * Graceful shutdown, idempotent: not ready → stop accepting connections → wait for in-flight
   * requests (up to SHUTDOWN_DRAIN_MS, then cut the rest) → stop the job worker with what is left
   * of the budget (unfinished jobs are handed back to the queue) → close the core and the store.
   */
  close(): Promise<void>;
}

const STORE_PING_TIMEOUT_MS = 2_000;

function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Builds store, core, worker and HTTP app from `config`, and listens on `config.host:config.port`. */
export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const backend = await openBackend(config, logger);
  const { store, bus, rateLimiter } = backend;
  const allowPrivateTargets = config.webhooks.allowPrivateTargets;
  const commerce = createCommerce({
    store,
    ...(bus ? { bus } : {}),
    ...(rateLimiter ? { rateLimiter } : {}),
    settings: config.settings,
    webhooks: {
      transport: createHttpTransport({ allowPrivateTargets }),
      targetPolicy: createTargetPolicy({ allowPrivateTargets }),
    },
  });
  try {
    return await serve(config, options, logger, backend, commerce);
  } catch (error) {
    // Nothing listens and no worker runs yet: release what was opened.
    await commerce.close();
    await backend.close();
    throw error;
  }
}

async function serve(
  config: Config,
  options: StartOptions,
  logger: Logger,
  backend: Backend,
  commerce: Commerce,
): Promise<RunningServer> {
  const { store } = backend;
  const shutdown = new AbortController();
  // Every open gRPC call, stream and long poll listens for shutdown: far more than Node's
  // default of 10 listeners, by design, so no leak warning.
  setMaxListeners(0, shutdown.signal);
  let phase: 'starting' | 'ready' | 'stopping' = 'starting';

  if (config.seedDemoKeys) {
    await commerce.auth.seed(DEMO_KEYS);
    logger.warn(
      { demo_keys: DEMO_KEYS.map((k) => k.name) },
      'demo API keys are enabled (SEED_DEMO_KEYS=true); set SEED_DEMO_KEYS=false anywhere real',
    );
  }

  const metrics = createMetrics({ store, logger });
  const runtime: ServerRuntime = {
    config,
    commerce,
    logger,
    observer: metrics.observer,
    shutdownSignal: shutdown.signal,
  };

  async function readiness(): Promise<Readiness> {
    if (phase !== 'ready')
      return { ready: false, reason: phase === 'starting' ? 'starting' : 'shutting down' };
    const names = Object.keys(backend.checks);
    const results = await Promise.allSettled(
      Object.values(backend.checks).map((check) =>
        withTimeout(check(), STORE_PING_TIMEOUT_MS, `no answer within ${STORE_PING_TIMEOUT_MS} ms`),
      ),
    );
    const checks: Record<string, string> = {};
    const down: string[] = [];
    results.forEach((result, i) => {
      const name = names[i] ?? String(i);
      checks[name] = result.status === 'fulfilled' ? 'ok' : 'unavailable';
      if (result.status === 'rejected') {
        down.push(name);
        logger.warn({ err: result.reason, dependency: name }, 'readiness: dependency unavailable');
      }
    });
    return down.length === 0
      ? { ready: true, checks }
      : { ready: false, reason: `${down.join(' and ')} unavailable`, checks };
  }

  const app = createHttpApp({
    logger,
    metrics,
    readiness,
    mounts: [...adapterMounts(runtime), ...(options.mounts?.(runtime) ?? [])],
  });
  const adaptor = createAdaptorServer({ fetch: app.fetch, createServer });
  if (!(adaptor instanceof HttpServer)) throw new Error('expected an HTTP/1.1 server');
  const server: HttpServer = adaptor;

  // In-flight requests, for the drain. Once shutdown begins, responses close their connection.
  const inFlight = new Set<ServerResponse>();
  let onIdle: (() => void) | null = null;
  // One listener for every response (`this`), added with `on` ('close' comes once): no closure
  // or `once` wrapper per request, which an open stream would hold for its whole life.
  function settled(this: ServerResponse): void {
    inFlight.delete(this);
    if (inFlight.size === 0) onIdle?.();
  }
  server.prependListener('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    if (phase === 'stopping') response.shouldKeepAlive = false;
    response.on('close', settled);
  });

  const requests = createRequestRouter(server);
  const upgrades = createUpgradeRouter(server);
  const detachers: (() => Promise<void>)[] = [];
  for (const attach of serverAttachments(runtime)) {
    const detach = await attach({ server, requests, upgrades }, runtime);
    if (detach) detachers.push(detach);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const grpc = await listenGrpc(runtime).catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  });
  runtime.grpcPort = grpc.port;

  const worker = commerce.createWorker({
    concurrency: config.workerConcurrency,
    onError: (error, job) =>
      logger.error({ err: error, job_id: job?.id ?? null }, 'job worker error'),
  });
  worker.start();
  const dispatcher = commerce.createWebhookDispatcher({
    onError: (error) => logger.error({ err: error }, 'webhook dispatcher error'),
  });
  dispatcher.start();
  phase = 'ready';
  grpc.setServing(true);

  const port = (server.address() as AddressInfo).port;

  function drainRequests(deadline: number): Promise<boolean> {
    if (inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
      onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  async function stop(): Promise<void> {
    const started = Date.now();
    const deadline = started + config.shutdownDrainMs;
    phase = 'stopping';
    shutdown.abort(new Error('server shutting down'));
    grpc.setServing(false);
    const grpcClosed = grpc.close(deadline);
    logger.info({ in_flight: inFlight.size, drain_ms: config.shutdownDrainMs }, 'shutting down');

    await Promise.allSettled(detachers.map((detach) => detach()));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
    server.closeIdleConnections();
    if (!(await drainRequests(deadline))) {
      logger.warn(
        { in_flight: inFlight.size },
        'shutdown: drain budget spent, closing the remaining connections',
      );
    }
    server.closeAllConnections();
    await closed;
    if (!(await grpcClosed))
      logger.warn('shutdown: drain budget spent, cancelled the open gRPC calls');

    try {
      await dispatcher.stop();
      await worker.stop(Math.max(0, deadline - Date.now()));
    } finally {
      try {
        await commerce.close();
      } finally {
        await backend.close();
      }
    }
    logger.info({ duration_ms: Date.now() - started }, 'stopped');
  }

  let stopping: Promise<void> | null = null;
  return {
    url: urlFor(config.host, port),
    port,
    grpcPort: grpc.port,
    commerce,
    app,
    close: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
