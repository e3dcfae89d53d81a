export { createRestApp, type RestAppOptions } from './app.js';
export type { RestEnv, RestVariables } from './env.js';
export { ERROR_TABLE, HTTP_REFUSALS, type HttpErrorMapping } from './http/error-table.js';
