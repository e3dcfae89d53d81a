import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Commerce, Principal } from '@commerce/core';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { bearerKey } from './request-context.js';
import type { GraphqlYoga, WsInitialContext } from './yoga.js';

export interface GraphqlWsOptions {
  yoga: GraphqlYoga;
  commerce: Commerce;
}

/** A graphql-ws endpoint for a server's upgrade router; `close` ends every connection. */
export interface GraphqlWsHandler {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

type Enveloped = ReturnType<GraphqlYoga['getEnveloped']>;
interface RootValue {
  execute: Enveloped['execute'];
  subscribe: Enveloped['subscribe'];
}

/**
 * graphql-ws (subprotocol `graphql-transport-ws`) over the same schema, plugins and limits as the
 * yoga instance. The API key comes in the `connection_init` payload as
 * `{ "authorization": "Bearer <key>" }`; a missing or unknown key closes the socket with
 * 4403 Forbidden, the protocol's code for a rejected `connection_init`.
 */
export function createGraphqlWsHandler(options: GraphqlWsOptions): GraphqlWsHandler {
  const { yoga, commerce } = options;
  const server = new WebSocketServer({ noServer: true });
  const connection = useServer<Record<string, unknown> | undefined, { principal: Principal }>(
    {
      async onConnect(ctx) {
        try {
          ctx.extra.principal = await commerce.auth.authenticate(
            bearerKey(ctx.connectionParams?.authorization),
          );
          return true;
        } catch {
          return false;
        }
      },
      execute: (args: ExecutionArgs) => (args.rootValue as RootValue).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as RootValue).subscribe(args),
      async onSubscribe(ctx, _id, payload) {
        const { principal } = ctx.extra;
        if (!principal) return;
        const initial: WsInitialContext & { params: typeof payload } = {
          principal,
          params: payload,
        };
        const { schema, execute, subscribe, contextFactory, parse, validate } =
          yoga.getEnveloped(initial);
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName ?? null,
          document: parse(payload.query),
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    server,
  );
  return {
    handleUpgrade(request, socket, head) {
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    async close() {
      await connection.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
