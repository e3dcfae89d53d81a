import type { Repositories } from '@commerce/core';
import type { Database } from 'better-sqlite3';
import { createApiKeyRepository } from './api-key-repository.js';
import { createEventLog } from './event-log.js';
import { createIdempotencyRepository } from './idempotency-repository.js';
import { createJobRepository } from './job-repository.js';
import { createLockRepository } from './lock-repository.js';
import { createOrderRepository } from './orders-repository.js';
import { createPaymentRepository } from './payments-repository.js';
import { createStatementCache } from './statements.js';
import {
  createLogCursorRepository,
  createWebhookDeliveryRepository,
  createWebhookEndpointRepository,
} from './webhook-repositories.js';

/** Every repository, bound to one connection (and its statement cache). */
export function createRepositories(db: Database): Repositories {
  const sql = createStatementCache(db);
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
