import { clientMessageJsonSchemas } from '@commerce/adapter-ws';
import { Hono } from 'hono';
import type { HttpMount } from '../http-app.js';
import type { ServerEnv } from '../logger.js';
import { buildAsyncApiDocument } from './asyncapi-document.js';

/** What is needed of the REST app (an `OpenAPIHono`): its generated OpenAPI 3.1 document. */
interface RestApp {
  getOpenAPI31Document(config: { openapi: '3.1.0'; info: { title: string; version: string } }): {
    components?: { schemas?: Record<string, unknown> };
  };
}

/** The AsyncAPI 3 document at `/asyncapi.json`, its resource schemas taken from the REST app's OpenAPI. */
export function asyncApiMount(restApp: RestApp): HttpMount {
  let resourceSchemas: Record<string, unknown> | undefined;
  const app = new Hono<ServerEnv>();
  app.get('/', (c) => {
    resourceSchemas ??=
      restApp.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { title: 'resources', version: '1' },
      }).components?.schemas ?? {};
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const document = buildAsyncApiDocument({
      host,
      resourceSchemas,
      wsClientMessages: clientMessageJsonSchemas(),
    });
    return c.json(document, 200, { 'Cache-Control': 'no-cache' });
  });
  return { path: '/asyncapi.json', app, protocol: false };
}
