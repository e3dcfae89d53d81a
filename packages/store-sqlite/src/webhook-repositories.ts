import type {
  LogCursorRepository,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
} from '@commerce/core';
import { pageQuery } from './list-query.js';
import type { Sql } from './statements.js';
import {
  toWebhookAttempt,
  toWebhookDelivery,
  toWebhookEndpoint,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookEndpointParams,
} from './webhook-rows.js';

/** Webhook endpoints on the connection behind `sql`. */
export function createWebhookEndpointRepository(sql: Sql): WebhookEndpointRepository {
  return {
    async get(id) {
      const row = sql<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE id = ?').get(id);
      return row ? toWebhookEndpoint(row) : null;
    },

    async list(filter, page) {
      const query = pageQuery(
        'webhook_endpoints',
        { owner_customer_id: filter.ownerCustomerId },
        page,
      );
      return sql<WebhookEndpointRow>(query.text)
        .all(...query.params)
        .map(toWebhookEndpoint);
    },

    async listEnabled() {
      return sql<WebhookEndpointRow>('SELECT * FROM webhook_endpoints WHERE enabled = 1')
        .all()
        .map(toWebhookEndpoint);
    },

    async insert(endpoint) {
      sql(
        `INSERT INTO webhook_endpoints (id, owner_customer_id, url, event_types, enabled,
           disabled_reason, secrets, consecutive_failures, created_after_sequence, version,
           created_at, updated_at)
         VALUES (@id, @ownerCustomerId, @url, @eventTypes, @enabled, @disabledReason, @secrets,
           @consecutiveFailures, @createdAfterSequence, @version, @createdAt, @updatedAt)`,
      ).run(webhookEndpointParams(endpoint));
    },

    async update(endpoint, expectedVersion) {
      const result = sql(
        `UPDATE webhook_endpoints SET owner_customer_id = @ownerCustomerId, url = @url,
           event_types = @eventTypes, enabled = @enabled, disabled_reason = @disabledReason,
           secrets = @secrets, consecutive_failures = @consecutiveFailures,
           created_after_sequence = @createdAfterSequence, version = @version,
           updated_at = @updatedAt
         WHERE id = @id AND version = @expectedVersion`,
      ).run({ ...webhookEndpointParams(endpoint), expectedVersion });
      return result.changes === 1;
    },

    async delete(id) {
      // Deliveries and their attempts go with it (ON DELETE CASCADE).
      return sql('DELETE FROM webhook_endpoints WHERE id = ?').run(id).changes === 1;
    },
  };
}

/** Webhook deliveries and their attempt log on the connection behind `sql`. */
export function createWebhookDeliveryRepository(sql: Sql): WebhookDeliveryRepository {
  return {
    async get(id) {
      const row = sql<WebhookDeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?').get(id);
      return row ? toWebhookDelivery(row) : null;
    },

    async list(endpointId, page) {
      const query = pageQuery('webhook_deliveries', { endpoint_id: endpointId }, page);
      return sql<WebhookDeliveryRow>(query.text)
        .all(...query.params)
        .map(toWebhookDelivery);
    },

    async insert(delivery) {
      sql(
        `INSERT INTO webhook_deliveries (id, endpoint_id, event_sequence, event_id, event_type,
           status, attempts, last_status_code, job_id, created_at, updated_at)
         VALUES (@id, @endpointId, @eventSequence, @eventId, @eventType, @status, @attempts,
           @lastStatusCode, @jobId, @createdAt, @updatedAt)`,
      ).run(delivery);
    },

    async update(delivery) {
      sql(
        `UPDATE webhook_deliveries SET status = @status, attempts = @attempts,
           last_status_code = @lastStatusCode, job_id = @jobId, updated_at = @updatedAt
         WHERE id = @id`,
      ).run(delivery);
    },

    async addAttempt(attempt) {
      sql(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, latency_ms)
         VALUES (@deliveryId, @attempt, @at, @statusCode, @error, @latencyMs)`,
      ).run(attempt);
    },

    async listAttempts(deliveryIds) {
      if (deliveryIds.length === 0) return [];
      return sql<WebhookAttemptRow>(
        `SELECT * FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(?))
         ORDER BY delivery_id, attempt`,
      )
        .all(JSON.stringify(deliveryIds))
        .map(toWebhookAttempt);
    },
  };
}

/** Log consumer positions on the connection behind `sql`. */
export function createLogCursorRepository(sql: Sql): LogCursorRepository {
  return {
    async get(name) {
      const row = sql<{ position: number }>('SELECT position FROM log_cursors WHERE name = ?').get(
        name,
      );
      return row?.position ?? 0;
    },

    async advance(name, from, to) {
      // A missing row stands for position 0, so only an advance from 0 may insert it.
      const statement =
        from === 0
          ? `INSERT INTO log_cursors (name, position) VALUES (@name, @to)
             ON CONFLICT (name) DO UPDATE SET position = @to WHERE position = @from`
          : 'UPDATE log_cursors SET position = @to WHERE name = @name AND position = @from';
      return sql(statement).run({ name, from, to }).changes === 1;
    },
  };
}
