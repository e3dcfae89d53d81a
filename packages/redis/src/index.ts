export { type OpenRedisOptions, openRedis, redactedUrl } from './connect.js';
export { deleteKeysWithPrefix } from './delete-keys.js';
export { createRedisEventBus, type RedisEventBus, type RedisEventBusOptions } from './event-bus.js';
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './rate-limiter.js';
