import type { ApiKeyRepository } from '@commerce/core';
import { type ApiKeyRow, toApiKey } from './rows.js';
import type { Sql } from './statements.js';

/** API keys on the connection behind `sql`. */
export function createApiKeyRepository(sql: Sql): ApiKeyRepository {
  return {
    async findByHash(keyHash) {
      const row = sql<ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ?').get(keyHash);
      return row ? toApiKey(row) : null;
    },

    async upsert(record) {
      sql(
        `INSERT INTO api_keys (id, name, key_hash, role, customer_id, created_at)
         VALUES (@id, @name, @keyHash, @role, @customerId, @createdAt)
         ON CONFLICT (key_hash) DO NOTHING`,
      ).run(record);
    },
  };
}
