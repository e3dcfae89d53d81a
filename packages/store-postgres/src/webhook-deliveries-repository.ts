import type { WebhookDeliveryRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import type { Sql } from './sql.js';
import {
  toWebhookAttempt,
  toWebhookDelivery,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
} from './webhook-rows.js';

/** Webhook deliveries and their attempt log through `sql`. */
export function createWebhookDeliveryRepository(sql: Sql): WebhookDeliveryRepository {
  const select = async (text: string, values: unknown[]) =>
    (await sql.rows<WebhookDeliveryRow>(text, values)).map(toWebhookDelivery);

  return {
    async get(id) {
      const [delivery] = await select('SELECT * FROM webhook_deliveries WHERE id = $1', [id]);
      return delivery ?? null;
    },

    async list(endpointId, page) {
      const query = pageQuery('webhook_deliveries', { endpoint_id: endpointId }, page);
      return select(query.text, query.values);
    },

    async insert(delivery) {
      // UNIQUE (endpoint_id, event_sequence) makes a second delivery of the same event throw.
      await sql.run(
        `INSERT INTO webhook_deliveries (id, endpoint_id, event_sequence, event_id, event_type,
           status, attempts, last_status_code, job_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          delivery.id,
          delivery.endpointId,
          delivery.eventSequence,
          delivery.eventId,
          delivery.eventType,
          delivery.status,
          delivery.attempts,
          delivery.lastStatusCode,
          delivery.jobId,
          delivery.createdAt,
          delivery.updatedAt,
        ],
      );
    },

    async update(delivery) {
      await sql.run(
        `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status_code = $4,
           job_id = $5, updated_at = $6
         WHERE id = $1`,
        [
          delivery.id,
          delivery.status,
          delivery.attempts,
          delivery.lastStatusCode,
          delivery.jobId,
          delivery.updatedAt,
        ],
      );
    },

    async addAttempt(attempt) {
      await sql.run(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, latency_ms)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          attempt.deliveryId,
          attempt.attempt,
          attempt.at,
          attempt.statusCode,
          attempt.error,
          attempt.latencyMs,
        ],
      );
    },

    async listAttempts(deliveryIds) {
      if (deliveryIds.length === 0) return [];
      const rows = await sql.rows<WebhookAttemptRow>(
        `SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1::text[])
         ORDER BY delivery_id, attempt`,
        [deliveryIds],
      );
      return rows.map(toWebhookAttempt);
    },
  };
}
