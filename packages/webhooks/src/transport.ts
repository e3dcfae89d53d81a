import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { WebhookRequest, WebhookResponse, WebhookTransport } from '@commerce/core';
import { guardedLookup, hostOf, isPrivateAddress } from './addresses.js';
import { webhookBody } from './payload.js';
import { signWebhook } from './signing.js';

export interface HttpTransportOptions {
  /** Allow loopback and private targets (local development, tests). Default false. */
  allowPrivateTargets?: boolean;
  userAgent?: string;
}

/** POSTs `body` and resolves with the response status; redirects are not followed. */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  allowPrivate: boolean,
): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers, signal, lookup: guardedLookup(allowPrivate), agent: false },
      (response) => {
        // The body is not needed; reading it lets the socket close cleanly.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Sends deliveries over HTTP(S) with Standard Webhooks headers, one fresh connection per
 * attempt, a timeout per attempt, and the target checked at connect time. Never throws: a
 * failed attempt is a `WebhookResponse` with an error.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): WebhookTransport {
  const allowPrivate = options.allowPrivateTargets ?? false;
  const userAgent = options.userAgent ?? 'commerce-webhooks/1';

  return {
    async send(delivery: WebhookRequest): Promise<WebhookResponse> {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const url = new URL(delivery.url);
      const host = hostOf(url);
      // An IP literal skips `lookup`, so it is checked here.
      if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
        return { statusCode: null, error: `${host} is a private address`, latencyMs: 0 };
      }
      const body = webhookBody(delivery.event);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': userAgent,
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(delivery.timestamp),
        'webhook-signature': signWebhook(
          delivery.secrets,
          delivery.messageId,
          delivery.timestamp,
          body,
        ),
        ...(delivery.traceparent ? { traceparent: delivery.traceparent } : {}),
      };
      const timeout = AbortSignal.timeout(delivery.timeoutMs);
      try {
        const signal = AbortSignal.any([delivery.signal, timeout]);
        const statusCode = await post(url, headers, body, signal, allowPrivate);
        return { statusCode, error: null, latencyMs: elapsed() };
      } catch (error) {
        const message = timeout.aborted
          ? `no response within ${delivery.timeoutMs} ms`
          : error instanceof Error
            ? error.message
            : String(error);
        return { statusCode: null, error: message, latencyMs: elapsed() };
      }
    },
  };
}
