/**
 * The floor: bare graphql-js `execute` behind node:http, with parse and validate cached per query
 * string, over the same schema, resolvers and core as the adapter. No GraphQL-over-HTTP
 * negotiation, no plugins: what executing the operation itself costs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCommerceSchema, createRequestContext } from '@commerce/adapter-graphql';
import { type DocumentNode, execute, type GraphQLError, parse, validate } from 'graphql';
import { announce, seededCommerce } from './graphql-seed.js';

const { commerce, id } = await seededCommerce();
const schema = createCommerceSchema(commerce);
const prepared = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();

function prepare(query: string) {
  let entry = prepared.get(query);
  if (!entry) {
    const document = parse(query);
    entry = { document, errors: validate(schema, document) };
    prepared.set(query, entry);
  }
  return entry;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string;
      variables?: Record<string, unknown>;
    };
    const { document, errors } = prepare(body.query);
    const result =
      errors.length > 0
        ? { errors }
        : await execute({
            schema,
            document,
            variableValues: body.variables ?? null,
            contextValue: createRequestContext({
              commerce,
              authorization: request.headers.authorization,
              signal: new AbortController().signal,
              onInternalError: () => {},
            }),
          });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
  });
});
server.listen(0, '127.0.0.1', () => {
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, id);
});
// A clean exit on SIGTERM, so a `--cpu-prof` profile (BENCH_GRAPHQL_CPU_PROF) gets written.
process.once('SIGTERM', () => process.exit(0));
