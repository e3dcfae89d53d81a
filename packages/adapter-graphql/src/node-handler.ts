import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ExecutionResult, GraphQLError, getOperationAST } from 'graphql';
import { createGraphQLError, processRegularResult } from 'graphql-yoga';
import { type GraphqlServerContext, type GraphqlYoga, shutdownSignalOf } from './yoga.js';

/**
 * Serves GraphQL over HTTP straight from node:http. The common request (a `POST` of
 * `application/json` with a known length, no `Origin`, a plain `Accept`, a query or mutation
 * that parses and validates) takes a short path: the body is read into one buffer and the
 * operation runs through the yoga instance's own envelop (the same plugins: parse and validation
 * caches, the armor limits, error masking, the observer, the context factory), and the result is
 * written with yoga's own result processor, so status, content type and body are the ones yoga
 * would answer. What it skips is the fetch-API layer: a WHATWG Request and Response, body
 * streams and their abort signals, which cost more CPU than executing the operation.
 *
 * Everything else (GET, GraphiQL, SSE subscriptions, CORS, other content types, batching, any
 * parse or validation error, unknown body keys) goes to yoga itself, unchanged; a request whose
 * body was read already is handed over with that body. A plugin that adds HTTP-level hooks
 * (`onRequestParse`, `onParams`, `onExecutionResult`, `onResultProcess`) turns the short path
 * off, since it would skip them.
 */
export interface GraphqlNodeHandler {
  (
    request: IncomingMessage,
    response: ServerResponse,
    serverContext?: GraphqlServerContext,
  ): Promise<void>;
  /** False when the yoga instance has HTTP hooks the short path would skip: all goes to yoga. */
  readonly shortPath: boolean;
}

/** Bodies above this go to yoga, which streams them and applies its own size limit. */
const MAX_FAST_BODY_BYTES = 256 * 1024;

/** `Accept` values answered on the short path, with the media type yoga picks for each. */
const ACCEPTED: ReadonlyMap<string | undefined, string> = new Map([
  [undefined, 'application/json'],
  ['', 'application/json'],
  ['*/*', 'application/json'],
  ['application/json', 'application/json'],
  ['application/graphql-response+json', 'application/graphql-response+json'],
  ['application/graphql-response+json; charset=utf-8', 'application/graphql-response+json'],
  ['application/json; charset=utf-8', 'application/json'],
]);

const JSON_CONTENT_TYPES: ReadonlySet<string | undefined> = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
]);

const PARAM_KEYS: ReadonlySet<string> = new Set([
  'query',
  'variables',
  'operationName',
  'extensions',
]);

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The GraphQL-over-HTTP parameters, when the body is exactly what the short path serves. */
function paramsOf(body: Buffer): Params | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(value) || typeof value.query !== 'string') return undefined;
  for (const key in value) if (!PARAM_KEYS.has(key)) return undefined;
  const { variables, operationName, extensions } = value;
  if (variables != null && !isObject(variables)) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (extensions != null && !isObject(extensions)) return undefined;
  return value as unknown as Params;
}

/** What `processRegularResult` builds, captured instead of a WHATWG Response. */
class CapturedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(
    readonly body: string,
    init: { status?: number; headers?: Record<string, string> },
  ) {
    this.status = init.status ?? 200;
    this.headers = init.headers ?? {};
  }
}

/**
 * The `onRequestParse` hooks yoga installs itself for the options `createGraphqlYoga` uses: the
 * five request parsers, the body size limit, GraphiQL and the unhandled-route check.
 */
const BUILT_IN_REQUEST_PARSE_HOOKS = 8;

const capture = { Response: CapturedResponse } as unknown as Parameters<
  typeof processRegularResult
>[1];

/** The yoga internals the short path reads: the HTTP-level hooks it would bypass. */
interface YogaHooks {
  onRequestParseHooks?: unknown[];
  onParamsHooks?: unknown[];
  onExecutionResultHooks?: unknown[];
  onResultProcessHooks?: unknown[];
}

/**
 * True when yoga has only its built-in HTTP hooks (which the short path reproduces for the
 * requests it takes): the parameter check (`onParams`), the result processors
 * (`onResultProcess`) and the request parsers and body limit (`onRequestParse`).
 */
function onlyBuiltInHooks(yoga: GraphqlYoga): boolean {
  const hooks = yoga as unknown as YogaHooks;
  return (
    hooks.onParamsHooks?.length === 1 &&
    hooks.onResultProcessHooks?.length === 1 &&
    hooks.onExecutionResultHooks?.length === 0 &&
    hooks.onRequestParseHooks?.length === BUILT_IN_REQUEST_PARSE_HOOKS
  );
}

/** Reads the whole body; undefined if the client went away first. */
function readBody(request: IncomingMessage, length: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    request.once('end', () =>
      resolve(
        received !== length
          ? Buffer.concat(chunks)
          : chunks.length === 1
            ? chunks[0]
            : Buffer.concat(chunks, length),
      ),
    );
    request.once('error', () => resolve(undefined));
  });
}

/**
 * What yoga's own parse hook does to a parse error (syntax, the token limit) when it runs with
 * a WHATWG Request: a 400 request error. Yoga caches the error object by document, and a cached
 * error skips that hook, so the short path marks it before yoga sees the document again.
 */
function markAsRequestError(error: unknown): void {
  if (!(error instanceof GraphQLError)) return;
  const extensions = error.extensions as Record<string, unknown> & {
    http?: { spec?: boolean; status?: number };
  };
  extensions.code ??= 'GRAPHQL_PARSE_FAILED';
  extensions.http ??= {};
  extensions.http.spec ??= true;
  extensions.http.status ??= 400;
}

/** A node request listener for `yoga` (see `GraphqlNodeHandler`). */
export function createGraphqlNodeHandler(yoga: GraphqlYoga): GraphqlNodeHandler {
  const fast = onlyBuiltInHooks(yoga);
  const endpoint = yoga.graphqlEndpoint;
  // The short path's request signals abort at shutdown too (yoga.ts uses them as they are): one
  // listener for every request in flight instead of an `AbortSignal.any` per request.
  const shutdown = shutdownSignalOf(yoga);
  const inFlight = new Set<AbortController>();
  shutdown?.addEventListener(
    'abort',
    () => {
      for (const controller of inFlight) controller.abort(shutdown.reason);
    },
    { once: true },
  );

  /** Yoga with a body read already: a WHATWG Request over that buffer. */
  async function handOver(
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    serverContext: GraphqlServerContext,
  ): Promise<void> {
    const headers = new yoga.fetchAPI.Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    const handOff = new yoga.fetchAPI.Request(
      `http://${request.headers.host ?? 'localhost'}${request.url}`,
      {
        method: request.method ?? 'POST',
        headers,
        body: body.toString('utf8'),
        signal: controller.signal,
      },
    ) as unknown as Request;
    const context = { ...serverContext, req: request, res: response } as GraphqlServerContext;
    const answer = await yoga.fetch(handOff, context);
    const outgoing: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      outgoing[name] = value;
    });
    const text = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, outgoing);
    response.end(text);
  }

  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    serverContext: GraphqlServerContext = {},
  ): Promise<void> => {
    const { headers } = request;
    const length = Number(headers['content-length']);
    const accepted = ACCEPTED.get(headers.accept);
    if (
      !fast ||
      request.method !== 'POST' ||
      headers.origin !== undefined ||
      accepted === undefined ||
      !JSON_CONTENT_TYPES.has(headers['content-type']?.toLowerCase()) ||
      !(length > 0 && length <= MAX_FAST_BODY_BYTES) ||
      (request.url !== endpoint && request.url !== `${endpoint}/`)
    ) {
      await yoga(request, response, serverContext);
      return;
    }
    const body = await readBody(request, length);
    if (body === undefined) return;
    const params = paramsOf(body);
    if (params === undefined) return handOver(request, response, body, serverContext);

    // The request's signal: aborted at shutdown, or when the client goes away before the answer
    // is written. A request handed over to yoga leaves it unused.
    const controller = new AbortController();
    if (shutdown?.aborted) controller.abort(shutdown.reason);
    inFlight.add(controller);
    response.once('close', () => {
      inFlight.delete(controller);
      if (!response.writableFinished) controller.abort();
    });
    const enveloped = yoga.getEnveloped({
      requestId: headers['x-request-id'],
      traceparent: headers.traceparent,
      ...serverContext,
      req: request,
      res: response,
      params,
      authorization: headers.authorization ?? null,
      signal: controller.signal,
    } as GraphqlServerContext);
    let document: ReturnType<typeof enveloped.parse>;
    try {
      document = enveloped.parse(params.query);
    } catch (error) {
      markAsRequestError(error);
      return handOver(request, response, body, serverContext);
    }
    try {
      // Yoga's caches answer these; errors (tokens, validation) are yoga's to report.
      const operation = getOperationAST(document, params.operationName);
      if (
        !operation ||
        operation.operation === 'subscription' ||
        enveloped.validate(enveloped.schema, document).length > 0
      )
        throw new Error('not for the short path');
    } catch {
      return handOver(request, response, body, serverContext);
    }
    let result: ExecutionResult;
    try {
      result = (await enveloped.execute({
        schema: enveloped.schema,
        document,
        contextValue: await enveloped.contextFactory(),
        variableValues: params.variables ?? null,
        operationName: params.operationName ?? null,
      })) as ExecutionResult;
    } catch (error) {
      if (controller.signal.aborted) return;
      // What yoga answers for an error outside execution: masked, 500.
      result = {
        errors: [
          createGraphQLError('Unexpected error.', {
            extensions: { unexpected: true },
            originalError: error as Error,
          }),
        ],
      };
    }
    const answer = processRegularResult(result, capture, accepted) as unknown as CapturedResponse;
    answer.headers['Content-Length'] = String(Buffer.byteLength(answer.body));
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  };
  return Object.assign(handle, { shortPath: fast });
}
