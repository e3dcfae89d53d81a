import { describe, expect, it } from 'vitest';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../domain/webhook.js';
import { fixtureId, isoAfter, T0 } from '../fixtures.js';
import { byId, type CurrentStore, ids, walkPages } from './support.js';

/** An enabled endpoint of alice's for `order.created`, with one live secret. */
export function makeWebhookEndpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: fixtureId('whe'),
    ownerCustomerId: 'cus_alice',
    url: 'https://hooks.example.com/commerce',
    eventTypes: ['order.created'],
    enabled: true,
    disabledReason: null,
    secrets: [
      { secret: 'whsec_bmV3', expiresAt: null },
      { secret: 'whsec_b2xk', expiresAt: T0 + 60_000 },
    ],
    consecutiveFailures: 0,
    createdAfterSequence: 0,
    version: 1,
    createdAt: isoAfter(0),
    updatedAt: isoAfter(0),
    ...overrides,
  };
}

/** A pending delivery of event `sequence` to `endpoint`. */
export function makeWebhookDelivery(
  endpoint: WebhookEndpoint,
  sequence: number,
  overrides: Partial<WebhookDelivery> = {},
): WebhookDelivery {
  return {
    id: fixtureId('msg'),
    endpointId: endpoint.id,
    eventSequence: sequence,
    eventId: fixtureId('evt'),
    eventType: 'order.created',
    status: 'pending',
    attempts: 0,
    lastStatusCode: null,
    jobId: fixtureId('job'),
    createdAt: isoAfter(0),
    updatedAt: isoAfter(0),
    ...overrides,
  };
}

const attempt = (deliveryId: string, n: number, statusCode: number | null): WebhookAttempt => ({
  deliveryId,
  attempt: n,
  at: isoAfter(n * 1_000),
  statusCode,
  error: statusCode === null ? 'connect ECONNREFUSED' : null,
  latencyMs: 12 * n,
});

/** Webhook endpoints and deliveries: storage, compare-and-set, scoping, paging, cascades. */
export function describeWebhooks(store: CurrentStore): void {
  describe('webhook endpoints', () => {
    it('reads back an inserted endpoint unchanged, and null for an unknown id', async () => {
      const endpoint = makeWebhookEndpoint({
        ownerCustomerId: null,
        eventTypes: ['order.created', 'payment.failed'],
      });
      await store().webhookEndpoints.insert(endpoint);
      expect(await store().webhookEndpoints.get(endpoint.id)).toEqual(endpoint);
      expect(await store().webhookEndpoints.get('whe_missing')).toBeNull();
    });

    it('update is a compare-and-set on the version', async () => {
      const endpoint = makeWebhookEndpoint();
      await store().webhookEndpoints.insert(endpoint);
      const disabled = { ...endpoint, enabled: false, disabledReason: 'x', version: 2 };
      expect(await store().webhookEndpoints.update(disabled, 1)).toBe(true);
      expect(await store().webhookEndpoints.update({ ...endpoint, version: 2 }, 1)).toBe(false);
      expect(await store().webhookEndpoints.get(endpoint.id)).toEqual(disabled);
    });

    it('lists newest first, by owner, across cursor pages; listEnabled skips disabled ones', async () => {
      const made = [0, 1, 2, 3, 4].map((i) =>
        makeWebhookEndpoint({
          ownerCustomerId: i % 2 === 0 ? 'cus_alice' : 'cus_bob',
          enabled: i !== 2,
          createdAt: isoAfter(i * 1_000),
        }),
      );
      for (const endpoint of made) await store().webhookEndpoints.insert(endpoint);
      const alices = await walkPages(
        (after, limit) =>
          store().webhookEndpoints.list(
            { ownerCustomerId: 'cus_alice' },
            { kind: 'cursor', after, limit },
          ),
        2,
      );
      expect(ids(alices)).toEqual(ids([made[4], made[2], made[0]] as WebhookEndpoint[]));
      const all = await store().webhookEndpoints.list({}, { kind: 'offset', offset: 1, limit: 2 });
      expect(ids(all)).toEqual(ids([made[3], made[2]] as WebhookEndpoint[]));
      const enabled = await store().webhookEndpoints.listEnabled();
      expect(byId(enabled)).toEqual(byId(made.filter((e) => e.enabled)));
    });

    it('delete removes the endpoint with its deliveries and attempts', async () => {
      const endpoint = makeWebhookEndpoint();
      await store().webhookEndpoints.insert(endpoint);
      const delivery = makeWebhookDelivery(endpoint, 1);
      await store().webhookDeliveries.insert(delivery);
      await store().webhookDeliveries.addAttempt(attempt(delivery.id, 1, 500));
      expect(await store().webhookEndpoints.delete(endpoint.id)).toBe(true);
      expect(await store().webhookEndpoints.get(endpoint.id)).toBeNull();
      expect(await store().webhookDeliveries.get(delivery.id)).toBeNull();
      expect(await store().webhookDeliveries.listAttempts([delivery.id])).toEqual([]);
      expect(await store().webhookEndpoints.delete(endpoint.id)).toBe(false);
    });
  });

  describe('webhook deliveries', () => {
    it('stores deliveries once per (endpoint, event) and updates their progress', async () => {
      const endpoint = makeWebhookEndpoint();
      await store().webhookEndpoints.insert(endpoint);
      const delivery = makeWebhookDelivery(endpoint, 7);
      await store().webhookDeliveries.insert(delivery);
      expect(await store().webhookDeliveries.get(delivery.id)).toEqual(delivery);
      await expect(
        store().webhookDeliveries.insert(makeWebhookDelivery(endpoint, 7)),
      ).rejects.toThrow();
      const done = { ...delivery, status: 'succeeded' as const, attempts: 2, lastStatusCode: 204 };
      await store().webhookDeliveries.update({ ...done, updatedAt: isoAfter(5_000) });
      expect(await store().webhookDeliveries.get(delivery.id)).toEqual({
        ...done,
        updatedAt: isoAfter(5_000),
      });
      expect(await store().webhookDeliveries.get('msg_missing')).toBeNull();
    });

    it("lists an endpoint's deliveries newest first, and their attempts in order", async () => {
      const [mine, other] = [makeWebhookEndpoint(), makeWebhookEndpoint()];
      await store().webhookEndpoints.insert(mine);
      await store().webhookEndpoints.insert(other);
      const made = [1, 2, 3].map((seq) =>
        makeWebhookDelivery(mine, seq, { createdAt: isoAfter(seq * 1_000) }),
      );
      for (const delivery of [...made, makeWebhookDelivery(other, 1)])
        await store().webhookDeliveries.insert(delivery);
      const listed = await walkPages(
        (after, limit) => store().webhookDeliveries.list(mine.id, { kind: 'cursor', after, limit }),
        2,
      );
      expect(ids(listed)).toEqual(ids([...made].reverse()));
      const [first, second] = made as [WebhookDelivery, WebhookDelivery];
      const log = [
        attempt(second.id, 2, null),
        attempt(first.id, 1, 503),
        attempt(second.id, 1, 500),
      ];
      for (const entry of log) await store().webhookDeliveries.addAttempt(entry);
      const expected = [log[1], log[2], log[0]].sort((a, b) =>
        a?.deliveryId === b?.deliveryId
          ? 0
          : (a?.deliveryId ?? '') < (b?.deliveryId ?? '')
            ? -1
            : 1,
      );
      expect(await store().webhookDeliveries.listAttempts([first.id, second.id])).toEqual(expected);
      expect(await store().webhookDeliveries.listAttempts([])).toEqual([]);
    });
  });

  describe('log cursors', () => {
    it('start at 0 and advance only from where they are (compare-and-set)', async () => {
      const cursors = store().logCursors;
      expect(await cursors.get('webhooks')).toBe(0);
      expect(await cursors.advance('webhooks', 5, 9)).toBe(false);
      expect(await cursors.advance('webhooks', 0, 4)).toBe(true);
      expect(await cursors.advance('webhooks', 0, 6)).toBe(false);
      expect(await cursors.advance('webhooks', 4, 10)).toBe(true);
      expect(await cursors.get('webhooks')).toBe(10);
      expect(await cursors.get('other')).toBe(0);
    });

    it('roll back with the transaction that advanced them', async () => {
      const endpoint = makeWebhookEndpoint();
      await store().webhookEndpoints.insert(endpoint);
      const delivery = makeWebhookDelivery(endpoint, 3);
      await expect(
        store().transaction(async (tx) => {
          await tx.webhookDeliveries.insert(delivery);
          await tx.logCursors.advance('webhooks', 0, 3);
          throw new Error('crash before commit');
        }),
      ).rejects.toThrow('crash before commit');
      expect(await store().logCursors.get('webhooks')).toBe(0);
      expect(await store().webhookDeliveries.get(delivery.id)).toBeNull();
    });
  });
}
