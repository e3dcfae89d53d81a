import type { WebhookRequest, WebhookTransport } from '@commerce/core';
import { createCommerce } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { admin, alice, as, bob, openHarness, sampleItems } from '../support/harness.js';

describe('webhook dispatch in the core', () => {
  it('enqueues each event once per matching endpoint, even with two dispatchers at once', async () => {
    await using h = await openHarness();
    await h.commerce.orders.create(as(alice), {
      items: sampleItems,
      currency: 'EUR',
    });
    const alices = await h.commerce.webhooks.create(as(alice), {
      url: 'https://hooks.example.com/a',
      eventTypes: ['order.created', 'order.cancelled'],
    });
    const everyone = await h.commerce.webhooks.create(as(admin), {
      url: 'https://hooks.example.com/all',
      eventTypes: ['order.created'],
    });
    const mine = await h.commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
    await h.commerce.orders.create(as(bob), { items: sampleItems, currency: 'EUR' });
    await h.commerce.orders.cancel(as(alice), mine.value.id);

    const [first, second] = [
      h.commerce.createWebhookDispatcher(),
      h.commerce.createWebhookDispatcher(),
    ];
    const counts = await Promise.all([first.dispatch(), second.dispatch()]);
    expect(counts[0] + counts[1]).toBe(4);
    expect(await first.dispatch()).toBe(0);

    const types = async (endpointId: string, ctx = as(admin)) =>
      (await h.commerce.webhooks.listDeliveries(ctx, endpointId)).items
        .map((d) => `${d.eventType}:${d.status}`)
        .sort();
    expect(await types(alices.value.endpoint.id, as(alice))).toEqual([
      'order.cancelled:pending',
      'order.created:pending',
    ]);
    // Created before the endpoints: not delivered. Bob's order: only to the admin's endpoint.
    expect(await types(everyone.value.endpoint.id)).toEqual([
      'order.created:pending',
      'order.created:pending',
    ]);
    await expect(h.commerce.webhooks.get(as(bob), alices.value.endpoint.id)).rejects.toMatchObject({
      code: 'permission_denied',
    });
    await expect(
      h.commerce.webhooks.get(as(alice), everyone.value.endpoint.id),
    ).rejects.toMatchObject({ code: 'permission_denied' });
  });

  it('sends through the transport with a stable id and the live secrets', async () => {
    await using h = await openHarness({ settings: { webhooks: { retryBaseMs: 1 } } });
    const sent: WebhookRequest[] = [];
    const transport: WebhookTransport = {
      send: async (request) => {
        sent.push(request);
        return { statusCode: sent.length < 2 ? 503 : 200, error: null, latencyMs: 3 };
      },
    };
    const commerce = createCommerce({
      store: h.commerce.store,
      settings: { webhooks: { retryBaseMs: 1 }, jobs: { pollMs: 10 } },
      webhooks: { transport },
    });
    const created = await commerce.webhooks.create(as(alice), {
      url: 'https://hooks.example.com/a',
      eventTypes: ['order.created'],
    });
    const rotated = await commerce.webhooks.rotateSecret(as(alice), created.value.endpoint.id, {
      overlapSeconds: 60,
    });
    await commerce.orders.create(as(alice), { items: sampleItems, currency: 'EUR' });
    await commerce.createWebhookDispatcher().dispatch();
    const worker = commerce.createWorker();
    for (let i = 0; i < 50 && sent.length < 2; i++) {
      await worker.drain();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sent.map((r) => r.messageId)).toEqual([sent[0]?.messageId, sent[0]?.messageId]);
    expect(sent[1]?.secrets).toEqual([rotated.secret, created.value.secret]);
    expect(sent[1]?.event.type).toBe('order.created');
    const [delivery] = (
      await commerce.webhooks.listDeliveries(as(alice), created.value.endpoint.id)
    ).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200 });
    expect(delivery?.attemptLog.map((a) => a.statusCode)).toEqual([503, 200]);
    await commerce.close();
  });
});
