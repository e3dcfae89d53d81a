export {
  adapterMounts,
  type ServerAttachment,
  type ServerHooks,
  type ServerRuntime,
  serverAttachments,
} from './adapters.js';
export {
  CONFIG_VARIABLES,
  type Config,
  ConfigError,
  type ConfigVariable,
  LOG_LEVELS,
  type LogLevel,
  loadConfig,
  type ScaleOutConfig,
} from './config.js';
export { DEMO_KEYS } from './demo-keys.js';
export {
  createHttpApp,
  type HttpAppOptions,
  type HttpMount,
  OPS_PATHS,
  problem,
  type Readiness,
} from './http-app.js';
export {
  createLogger,
  type Logger,
  type RequestIdentity,
  type RequestVariables,
  requestIdentity,
  requestLogging,
  type ServerEnv,
} from './logger.js';
export { createMetrics, type Metrics, observeRequests, operationOf, outcomeOf } from './metrics.js';
export { type RunningServer, type StartOptions, startServer } from './server.js';
export { createUpgradeRouter, type UpgradeHandler, type UpgradeRouter } from './upgrade-router.js';
