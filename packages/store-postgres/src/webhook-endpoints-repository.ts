import type { WebhookEndpoint, WebhookEndpointRepository } from '@commerce/core';
import { pageQuery } from './list-query.js';
import { toJson } from './rows.js';
import type { Sql } from './sql.js';
import { toWebhookEndpoint, type WebhookEndpointRow } from './webhook-rows.js';

/** The mutable columns of `endpoint`, as $2… of the statements below ($1 is the id). */
const mutableValues = (endpoint: WebhookEndpoint) => [
  endpoint.id,
  endpoint.ownerCustomerId,
  endpoint.url,
  toJson(endpoint.eventTypes),
  endpoint.enabled,
  endpoint.disabledReason,
  toJson(endpoint.secrets),
  endpoint.consecutiveFailures,
  endpoint.createdAfterSequence,
  endpoint.version,
  endpoint.updatedAt,
];

/** Webhook endpoints through `sql` (the pool, or a transaction's client). */
export function createWebhookEndpointRepository(sql: Sql): WebhookEndpointRepository {
  const select = async (text: string, values: unknown[] = []) =>
    (await sql.rows<WebhookEndpointRow>(text, values)).map(toWebhookEndpoint);

  return {
    async get(id) {
      const [endpoint] = await select('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
      return endpoint ?? null;
    },

    async list(filter, page) {
      const query = pageQuery(
        'webhook_endpoints',
        { owner_customer_id: filter.ownerCustomerId },
        page,
      );
      return select(query.text, query.values);
    },

    listEnabled() {
      return select('SELECT * FROM webhook_endpoints WHERE enabled');
    },

    async insert(endpoint) {
      await sql.run(
        `INSERT INTO webhook_endpoints (id, owner_customer_id, url, event_types, enabled,
           disabled_reason, secrets, consecutive_failures, created_after_sequence, version,
           updated_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [...mutableValues(endpoint), endpoint.createdAt],
      );
    },

    async update(endpoint, expectedVersion) {
      const changed = await sql.run(
        `UPDATE webhook_endpoints SET owner_customer_id = $2, url = $3, event_types = $4,
           enabled = $5, disabled_reason = $6, secrets = $7, consecutive_failures = $8,
           created_after_sequence = $9, version = $10, updated_at = $11
         WHERE id = $1 AND version = $12`,
        [...mutableValues(endpoint), expectedVersion],
      );
      return changed === 1;
    },

    async delete(id) {
      // Deliveries and their attempts go with it (ON DELETE CASCADE).
      return (await sql.run('DELETE FROM webhook_endpoints WHERE id = $1', [id])) === 1;
    },
  };
}
