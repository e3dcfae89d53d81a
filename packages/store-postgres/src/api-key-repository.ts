import type { ApiKeyRepository } from '@commerce/core';
import { type ApiKeyRow, toApiKey } from './rows.js';
import type { Sql } from './sql.js';

/** API keys through `sql`. */
export function createApiKeyRepository(sql: Sql): ApiKeyRepository {
  return {
    async findByHash(keyHash) {
      const row = await sql.one<ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = $1', [keyHash]);
      return row ? toApiKey(row) : null;
    },

    async findByHashPrefix(prefix) {
      // A range scan on the unique index (collation "C", so byte order); hashes are lowercase
      // hex, so '\u{10ffff}' bounds them.
      const rows = await sql.rows<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE key_hash >= $1 AND key_hash < $2 ORDER BY key_hash',
        [prefix, `${prefix}\u{10ffff}`],
      );
      return rows.map(toApiKey);
    },

    async upsert(record) {
      await sql.run(
        `INSERT INTO api_keys (id, name, key_hash, role, customer_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key_hash) DO NOTHING`,
        [record.id, record.name, record.keyHash, record.role, record.customerId, record.createdAt],
      );
    },
  };
}
