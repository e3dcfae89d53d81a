import { swaggerUI } from '@hono/swagger-ui';
import type { RestApp } from './routes/define.js';

const DESCRIPTION = `Orders and payments over HTTP. Authenticate with \`Authorization: Bearer <api key>\`.
Errors are RFC 9457 problem details (\`application/problem+json\`) carrying a stable \`code\`,
\`request_id\` and \`trace_id\`. Every response carries \`X-Request-Id\` and the rate-limit headers.`;

/** Serves the OpenAPI 3.1 document at `/openapi.json` and interactive docs at `/docs`. */
export function docsRoutes(app: RestApp): void {
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Commerce REST API',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ apiKey: [] }],
    tags: [
      { name: 'orders', description: 'Orders: create, read, replace, cancel, fulfil' },
      { name: 'locks', description: 'Pessimistic locks on orders' },
      { name: 'payments', description: 'Asynchronous payments, refunds and their jobs' },
      { name: 'events', description: 'The event log, for polling and long polling' },
      {
        name: 'webhooks',
        description: 'Webhook endpoints: signed deliveries of events, retries and the delivery log',
      },
    ],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: 'Commerce REST API' }));
}
