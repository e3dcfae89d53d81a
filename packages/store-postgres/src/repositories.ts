import type { Repositories } from '@commerce/core';
import { createApiKeyRepository } from './api-key-repository.js';
import { createEventLog } from './event-log.js';
import { createIdempotencyRepository } from './idempotency-repository.js';
import { createJobRepository } from './job-repository.js';
import { createLockRepository } from './lock-repository.js';
import { createLogCursorRepository } from './log-cursor-repository.js';
import { createOrderRepository } from './orders-repository.js';
import { createPaymentRepository } from './payments-repository.js';
import { createSql, type Queryable } from './sql.js';
import { createWebhookDeliveryRepository } from './webhook-deliveries-repository.js';
import { createWebhookEndpointRepository } from './webhook-endpoints-repository.js';

/** Every repository, running its statements on `db` (the pool, or a transaction's client). */
export function createRepositories(db: Queryable): Repositories {
  const sql = createSql(db);
  return {
    orders: createOrderRepository(sql),
    payments: createPaymentRepository(sql),
    events: createEventLog(sql),
    idempotency: createIdempotencyRepository(sql),
    locks: createLockRepository(sql),
    jobs: createJobRepository(sql),
    apiKeys: createApiKeyRepository(sql),
    webhookEndpoints: createWebhookEndpointRepository(sql),
    webhookDeliveries: createWebhookDeliveryRepository(sql),
    logCursors: createLogCursorRepository(sql),
  };
}
