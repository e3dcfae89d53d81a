import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';
import type { HttpMount } from '../http-app.js';
import type { ServerEnv } from '../logger.js';
import { createGrpcBridge } from './grpc-bridge.js';

/** apps/web, found through the workspace dependency (its build lands in dist/). */
const WEB_DIR = dirname(createRequire(import.meta.url).resolve('@commerce/web/package.json'));
/** Where the comparison benchmark writes its latest report. */
const REPORT = join(WEB_DIR, '../../reports/comparison.html');

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${body}</p></html>`;

/** What the console takes of the server runtime (a `ServerRuntime` is one; read live, not copied). */
interface ConsoleRuntime {
  config: Config;
  shutdownSignal: AbortSignal;
  /** Set once the gRPC port is bound, after the mounts are built. */
  grpcPort?: number;
}

/** Loopback when the server listens on every interface. */
const reachable = (host: string) =>
  host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host;

/** The built page, or (before `pnpm build`) a 503 saying how to build it. */
function builtAssets(distDir: string): MiddlewareHandler<ServerEnv> {
  // Created once dist/ exists: serveStatic complains on stderr about a missing root.
  let assets: MiddlewareHandler<ServerEnv> | undefined;
  return async (c, next) => {
    if (!existsSync(join(distDir, 'index.html'))) {
      const how =
        'Run <code>pnpm build</code> (or <code>pnpm --filter @commerce/web build</code>) and reload.';
      return c.html(page('The console is not built', how), 503);
    }
    assets ??= serveStatic<ServerEnv>({
      root: distDir,
      rewriteRequestPath: (path) => path.replace(/^\/console/, ''),
    });
    const response = await assets(c, next);
    // Not a file: serveStatic called next(), which left the app's 404 in c.res.
    if (!(response instanceof Response)) return c.res;
    // Vite fingerprints everything under assets/; the page itself must be revalidated.
    const immutable = c.req.path.startsWith('/console/assets/');
    response.headers.set(
      'Cache-Control',
      immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return response;
  };
}

/**
 * The browser console (apps/web) at `/console/`, `/` redirecting there, the gRPC bridge it
 * calls at `/console/api/grpc/:service/:method`, and the latest comparison report at
 * `/console/report`. `distDir` is where the built page is (apps/web/dist).
 */
export function consoleMount(
  runtime: ConsoleRuntime,
  distDir: string = join(WEB_DIR, 'dist'),
): HttpMount {
  const { config, shutdownSignal } = runtime;
  const app = new Hono<ServerEnv>();
  app.get('/', (c) => c.redirect('/console/'));
  app.get('/console', (c) => c.redirect('/console/'));
  app.route(
    '/console/api/grpc',
    createGrpcBridge({
      target: () => `${reachable(config.host)}:${runtime.grpcPort ?? config.grpcPort}`,
      maxBodyBytes: config.maxBodyBytes,
      shutdownSignal,
    }),
  );
  app.get('/console/report', async (c) =>
    existsSync(REPORT)
      ? c.html(await readFile(REPORT, 'utf8'), 200, { 'Cache-Control': 'no-cache' })
      : c.html(
          page(
            'No comparison report yet',
            'Run <code>pnpm bench</code>: it writes <code>reports/comparison.html</code>.',
          ),
          404,
        ),
  );
  app.get('/console/*', builtAssets(distDir));
  return { path: '/', app, protocol: false };
}
