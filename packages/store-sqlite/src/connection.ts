import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface ConnectionOptions {
  /** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
  busyTimeoutMs: number;
  /** Refuse writes on this connection (the read connection). */
  queryOnly?: boolean;
}

/** Opens `path` (creating its directory) in WAL mode with the pragmas every connection needs. */
export function openConnection(path: string, options: ConnectionOptions): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.busyTimeoutMs });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal')
      throw new Error(`could not switch ${path} to WAL mode (got ${String(mode)})`);
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the
    // last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Statement journals (savepoints, multi-row statements in a transaction) and temp tables in
    // memory: on disk each one is a file created and unlinked per write transaction.
    db.pragma('temp_store = MEMORY');
    if (options.queryOnly) db.pragma('query_only = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
