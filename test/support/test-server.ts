import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  type Logger,
  loadConfig,
  type RunningServer,
  startServer,
} from '@commerce/server';

export interface TestServer extends AsyncDisposable {
  server: RunningServer;
  /** Base URL of the HTTP port, e.g. http://127.0.0.1:41234 */
  url: string;
}

/**
 * The real server (all protocols, demo keys seeded) on free ports over a fresh temp data dir,
 * closed and deleted on dispose. Rate limits are generous unless `env` says otherwise; nothing is
 * logged unless a `logger` is given.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  logger: Logger = createLogger('silent'),
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'commerce-e2e-'));
  const config = loadConfig({
    PORT: '0',
    GRPC_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PAYMENT_SLOW_SECONDS: '1',
    RATE_LIMIT_CUSTOMER_CAPACITY: '100000',
    RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '100000',
    RATE_LIMIT_ADMIN_CAPACITY: '100000',
    RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '100000',
    ...env,
  });
  const server = await startServer(config, { logger });
  return {
    server,
    url: server.url,
    async [Symbol.asyncDispose]() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
