import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

/** Exit codes: 0 after a graceful shutdown, 1 on a failure or a forced exit, 2 on invalid configuration. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const logger = createLogger(config.logLevel);
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }

  const { url } = server;
  const grpcUrl = Object.assign(new URL(url), { port: String(server.grpcPort) }).origin;
  logger.info(
    {
      url,
      urls: {
        http: url,
        healthz: `${url}/healthz`,
        readyz: `${url}/readyz`,
        metrics: `${url}/metrics`,
        grpc: grpcUrl,
      },
      host: config.host,
      port: server.port,
      grpc_port: server.grpcPort,
      ...(config.scaleOut
        ? { mode: 'scale-out', database_schema: config.scaleOut.databaseSchema }
        : { mode: 'embedded', data_dir: config.dataDir }),
    },
    `listening on ${url}`,
  );

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'signal received: shutting down gracefully (send it again to force)');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

await main();
