import { randomBytes } from 'node:crypto';
import { passwordDigest } from '@commerce/adapter-soap';
import { apiKeyFingerprint, hashApiKey } from '@commerce/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soapClients } from '../clients/soap-client.js';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { digestToken, envelope, faultCode, post } from './raw-envelope.js';

const getMissing = '<c:GetOrder><c:OrderId>ord_00000000000000000000000000</c:OrderId></c:GetOrder>';

/** A PasswordDigest token for `apiKey`: Username = fingerprint, secret = the key's SHA-256 hex. */
function token(apiKey: string, created = new Date().toISOString(), nonce = randomBytes(16)) {
  const nonceText = nonce.toString('base64');
  return {
    username: apiKeyFingerprint(apiKey),
    digest: passwordDigest(nonceText, created, hashApiKey(apiKey)),
    nonce: nonceText,
    created,
  };
}

describe('SOAP: WS-Security UsernameToken', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.[Symbol.asyncDispose]());

  it('accepts PasswordDigest from the generated client (node-soap WSSecurity)', async () => {
    const client = await soapClients(server.url, { passwordType: 'PasswordDigest' }).connect(
      keys.bob,
    );
    const { order } = await client.createOrder({
      items: [{ sku: 'sku-1', quantity: 1, unitPrice: 100 }],
      currency: 'EUR',
    });
    expect(order.customerId).toBe('cus_bob');
    expect((await client.getOrder(order.id)).id).toBe(order.id);
  });

  it('refuses a reused nonce', async () => {
    const xml = envelope(digestToken(token(keys.alice)), getMissing);
    expect(faultCode((await post(server.url, xml)).text)).toBe('not_found');
    const replay = await post(server.url, xml);
    expect(faultCode(replay.text)).toBe('unauthenticated');
    expect(replay.text).toContain('Nonce was already used');
  });

  it('refuses a stale or future Created time', async () => {
    for (const offsetMs of [-10 * 60_000, 10 * 60_000]) {
      const created = new Date(Date.now() + offsetMs).toISOString();
      const answer = await post(
        server.url,
        envelope(digestToken(token(keys.alice, created)), getMissing),
      );
      expect(faultCode(answer.text)).toBe('unauthenticated');
      expect(answer.text).toContain('not fresh');
    }
  });

  it('refuses a wrong digest, an unknown fingerprint and a wrong PasswordText', async () => {
    const wrong = { ...token(keys.alice), digest: token(keys.bob).digest };
    expect(faultCode((await post(server.url, envelope(digestToken(wrong), getMissing))).text)).toBe(
      'unauthenticated',
    );
    const unknown = { ...token('sk_test_nobody') };
    expect(
      faultCode((await post(server.url, envelope(digestToken(unknown), getMissing))).text),
    ).toBe('unauthenticated');
    const stranger = await soapClients(server.url).connect('sk_test_nobody');
    await expect(stranger.getOrder('ord_00000000000000000000000000')).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
