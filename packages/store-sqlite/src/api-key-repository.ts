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

    async findByHashPrefix(prefix) {
      // A range scan on the unique index; hashes are lowercase hex, so '\u{10ffff}' bounds them.
      const rows = sql<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE key_hash >= ? AND key_hash < ? ORDER BY key_hash',
      ).all(prefix, `${prefix}\u{10ffff}`);
      return rows.map(toApiKey);
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
