export { dropSchema } from './drop-schema.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres-store.js';
