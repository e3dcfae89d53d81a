import { createWsHandler } from '@commerce/adapter-ws';
import type { Commerce } from '@commerce/core';
import type { Config } from './config.js';
import { internalErrorLogger, type Logger } from './logger.js';
import type { UpgradeRouter } from './upgrade-router.js';

/** Where the WebSocket API is served (the protocol: packages/adapter-ws/README.md). */
export const WS_PATH = '/api/v1/ws';

/** What the WebSocket API takes of the server runtime (a `ServerRuntime` is one). */
interface WsRuntime {
  config: Config;
  commerce: Commerce;
  logger: Logger;
}

/** The WebSocket API on `/api/v1/ws`, through the upgrade router; closed with 1001 at shutdown. */
export function wsAttachment(
  { upgrades }: { upgrades: UpgradeRouter },
  { commerce, config, logger }: WsRuntime,
): () => Promise<void> {
  const handler = createWsHandler({
    commerce,
    limits: config.ws,
    onInternalError: internalErrorLogger(logger, 'ws'),
  });
  upgrades.route(WS_PATH, (request, socket, head) => handler.handleUpgrade(request, socket, head));
  return () => handler.close();
}
