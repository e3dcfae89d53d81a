import {
  apiKeyFingerprint,
  type ErrorCode,
  type EventType,
  hashApiKey,
  type Order,
  type OrderItem,
  type OrderStatus,
  type Payment,
  type PaymentMethod,
  type PaymentStatus,
} from '@commerce/core';
import * as soap from 'soap';
import { type ApiClient, ApiError, type ClientFactory, type EventView } from './api-client.js';

type Wire = Record<string, unknown>;

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const str = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : String(value);
const num = (value: unknown): number => Number(value);

function toItem(w: Wire): OrderItem {
  return { sku: str(w.Sku), quantity: num(w.Quantity), unitPrice: num(w.UnitPrice) };
}

function toOrder(w: Wire): Order {
  return {
    id: str(w.Id),
    customerId: str(w.CustomerId),
    items: list(w.Item as Wire | Wire[]).map(toItem),
    amount: num(w.Amount),
    currency: str(w.Currency),
    status: str(w.Status) as OrderStatus,
    version: num(w.Version),
    createdAt: str(w.CreatedAt),
    updatedAt: str(w.UpdatedAt),
  };
}

function toPayment(w: Wire): Payment {
  return {
    id: str(w.Id),
    orderId: str(w.OrderId),
    customerId: str(w.CustomerId),
    amount: num(w.Amount),
    currency: str(w.Currency),
    paymentMethod: str(w.PaymentMethod) as PaymentMethod,
    status: str(w.Status) as PaymentStatus,
    failureCode: w.FailureCode === undefined ? null : str(w.FailureCode),
    jobId: str(w.JobId),
    version: num(w.Version),
    createdAt: str(w.CreatedAt),
    updatedAt: str(w.UpdatedAt),
  };
}

const toEvent = (w: Wire): EventView => ({
  sequence: num(w.Sequence),
  type: str(w.Type) as EventType,
  orderId: str(w.OrderId),
  paymentId: w.PaymentId === undefined ? null : str(w.PaymentId),
  customerId: str(w.CustomerId),
});

const items = (input: OrderItem[]) =>
  input.map((i) => ({ Sku: i.sku, Quantity: i.quantity, UnitPrice: i.unitPrice }));

/** Turns a node-soap fault into the ApiError every client throws. */
function toApiError(error: unknown): unknown {
  const root = (error as { root?: { Envelope?: { Body?: { Fault?: Wire } } } }).root;
  const fault = root?.Envelope?.Body?.Fault;
  const detail = (fault?.detail as { Error?: Wire } | undefined)?.Error;
  if (!detail) return error;
  return new ApiError(
    str(detail.Code) as ErrorCode,
    str(detail.Message),
    detail.RequestId === undefined ? null : str(detail.RequestId),
  );
}

export interface SoapClientOptions {
  /** WS-Security password type; PasswordText sends the API key itself. */
  passwordType?: 'PasswordText' | 'PasswordDigest';
}

/**
 * A client generated at run time from the served WSDL by the `soap` package, with WS-Security.
 * Each call gets its own lightweight Client over the one parsed WSDL, because SOAP headers
 * (the idempotency key) are per-client state in node-soap and calls run concurrently.
 */
export function soapClients(baseUrl: string, options: SoapClientOptions = {}): ClientFactory {
  return {
    protocol: 'soap',
    async connect(apiKey) {
      const template = await soap.createClientAsync(`${baseUrl}/soap?wsdl`);
      // PasswordDigest: Username = the key's fingerprint, secret = its SHA-256 hex (see README).
      const digest = options.passwordType === 'PasswordDigest';
      const username = digest ? apiKeyFingerprint(apiKey) : 'api-key';
      const secret = digest ? hashApiKey(apiKey) : apiKey;

      async function call(operation: string, args: Wire, idempotencyKey?: string): Promise<Wire> {
        const client = new soap.Client(template.wsdl, `${baseUrl}/soap`);
        client.setSecurity(
          new soap.WSSecurity(username, secret, {
            passwordType: options.passwordType ?? 'PasswordText',
            hasNonce: digest,
          }),
        );
        if (idempotencyKey !== undefined) {
          client.addSoapHeader({ IdempotencyKey: idempotencyKey }, '', 'c', 'urn:commerce:v1');
        }
        try {
          const [result] = (await client[`${operation}Async`](args)) as [Wire | null];
          return result ?? {};
        } catch (error) {
          throw toApiError(error);
        }
      }

      const client: ApiClient = {
        async createOrder(input, opts) {
          const r = await call(
            'CreateOrder',
            {
              ...(input.customerId ? { CustomerId: input.customerId } : {}),
              Item: items(input.items),
              Currency: input.currency,
            },
            opts?.idempotencyKey,
          );
          return { order: toOrder(r.Order as Wire), replayed: r.Replayed === true };
        },
        async getOrder(id) {
          return toOrder((await call('GetOrder', { OrderId: id })).Order as Wire);
        },
        async listOrders(query) {
          const r = await call('ListOrders', {
            ...(query.status ? { Status: query.status } : {}),
            ...(query.customerId ? { CustomerId: query.customerId } : {}),
            ...(query.cursor ? { Cursor: query.cursor } : {}),
            ...(query.limit ? { Limit: query.limit } : {}),
          });
          return {
            orders: list(r.Order as Wire | Wire[] | undefined).map(toOrder),
            nextCursor: r.NextCursor === undefined ? null : str(r.NextCursor),
          };
        },
        async replaceOrder(id, input) {
          const r = await call('ReplaceOrder', {
            OrderId: id,
            Item: items(input.items),
            Currency: input.currency,
            ExpectedVersion: input.expectedVersion,
            ...(input.lockToken ? { LockToken: input.lockToken } : {}),
          });
          return toOrder(r.Order as Wire);
        },
        async cancelOrder(id, opts) {
          const r = await call('CancelOrder', {
            OrderId: id,
            ...(opts?.expectedVersion === undefined
              ? {}
              : { ExpectedVersion: opts.expectedVersion }),
            ...(opts?.lockToken ? { LockToken: opts.lockToken } : {}),
          });
          return toOrder(r.Order as Wire);
        },
        async lockOrder(id, ttlSeconds) {
          const r = await call('LockOrder', {
            OrderId: id,
            ...(ttlSeconds === undefined ? {} : { TtlSeconds: ttlSeconds }),
          });
          return { token: str(r.LockToken), expiresAt: str(r.ExpiresAt) };
        },
        async unlockOrder(id, token) {
          await call('UnlockOrder', { OrderId: id, LockToken: token });
        },
        async createPayment(input, opts) {
          const r = await call(
            'CreatePayment',
            { OrderId: input.orderId, PaymentMethod: input.paymentMethod },
            opts?.idempotencyKey,
          );
          return { payment: toPayment(r.Payment as Wire), replayed: r.Replayed === true };
        },
        async getPayment(id) {
          return toPayment((await call('GetPayment', { PaymentId: id })).Payment as Wire);
        },
        async refundPayment(id, opts) {
          const r = await call('RefundPayment', { PaymentId: id }, opts?.idempotencyKey);
          return { payment: toPayment(r.Payment as Wire), replayed: r.Replayed === true };
        },
        // SOAP has no streaming: poll ListEvents from the last sequence seen.
        async watchEvents(query, until, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          const received: EventView[] = [];
          let after = query.afterSequence ?? 0;
          while (Date.now() < deadline) {
            const r = await call('ListEvents', {
              AfterSequence: after,
              ...(query.orderId ? { OrderId: query.orderId } : {}),
            });
            const batch = list(r.Event as Wire | Wire[] | undefined).map(toEvent);
            received.push(...batch.filter((e) => !query.types || query.types.includes(e.type)));
            after = num(r.NextSequence);
            if (until(received)) return received;
            if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new ApiError('deadline_exceeded', 'watch ended before the condition held', null);
        },
        async close() {},
      };
      return client;
    },
  };
}
