import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './signing.js';
import { verifyWebhook, WebhookVerificationError } from './verify.js';

const secret = `whsec_${Buffer.from('a test key of twenty-four b').toString('base64')}`;
const rotated = `whsec_${Buffer.from('the previous key, rotated').toString('base64')}`;
const id = 'msg_01jd5x0k3m8q2r7t9v4w6y8z0a';
const now = Date.UTC(2030, 0, 1);
const timestamp = Math.floor(now / 1000);
const body = JSON.stringify({ type: 'order.created', data: { id: 'ord_1' } });

const headersFor = (signature: string, at = timestamp) => ({
  'webhook-id': id,
  'webhook-timestamp': String(at),
  'webhook-signature': signature,
});

describe('Standard Webhooks signatures', () => {
  it('match the reference implementation (standardwebhooks) both ways', () => {
    const reference = new Webhook(secret);
    const ours = signWebhook([secret], id, timestamp, body);
    expect(ours).toBe(reference.sign(id, new Date(timestamp * 1000), body));
    // The reference checks the timestamp against the wall clock.
    const current = Math.floor(Date.now() / 1000);
    const live = headersFor(signWebhook([secret], id, current, body), current);
    expect(reference.verify(body, live)).toEqual(JSON.parse(body));
    const theirs = reference.sign(id, new Date(timestamp * 1000), body);
    expect(verifyWebhook(secret, headersFor(theirs), body, { now })).toEqual(JSON.parse(body));
  });

  it('carry one signature per live secret, each verifying on its own', () => {
    const header = signWebhook([secret, rotated], id, timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    for (const key of [secret, rotated]) {
      expect(verifyWebhook(key, headersFor(header), Buffer.from(body), { now })).toBeTruthy();
    }
    const other = `whsec_${Buffer.from('somebody else entirely').toString('base64')}`;
    expect(() => verifyWebhook(other, headersFor(header), body, { now })).toThrow(
      WebhookVerificationError,
    );
  });
});

describe('verifyWebhook', () => {
  const signed = headersFor(signWebhook([secret], id, timestamp, body));

  it('accepts Headers objects and node header records alike', () => {
    expect(verifyWebhook(secret, new Headers(signed), body, { now })).toEqual(JSON.parse(body));
  });

  it('refuses a tampered body, id or signature', () => {
    const tampered = body.replace('ord_1', 'ord_2');
    expect(() => verifyWebhook(secret, signed, tampered, { now })).toThrow(/no webhook-signature/);
    const otherId = { ...signed, 'webhook-id': 'msg_other' };
    expect(() => verifyWebhook(secret, otherId, body, { now })).toThrow(/no webhook-signature/);
    const truncated = { ...signed, 'webhook-signature': signed['webhook-signature'].slice(0, 20) };
    expect(() => verifyWebhook(secret, truncated, body, { now })).toThrow(/no webhook-signature/);
  });

  it('refuses timestamps outside the tolerance either way (replay), and missing headers', () => {
    const later = now + 301_000;
    expect(() => verifyWebhook(secret, signed, body, { now: later })).toThrow(/tolerance/);
    expect(() => verifyWebhook(secret, signed, body, { now: now - 301_000 })).toThrow(/tolerance/);
    expect(verifyWebhook(secret, signed, body, { now: later, toleranceSeconds: 400 })).toBeTruthy();
    const { 'webhook-id': _, ...missing } = signed;
    expect(() => verifyWebhook(secret, missing, body, { now })).toThrow(/missing webhook-id/);
  });
});
