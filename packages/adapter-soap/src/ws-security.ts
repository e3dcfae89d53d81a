import { createHash, timingSafeEqual } from 'node:crypto';
import { CommerceError } from '@commerce/core';
import { isNode, textOf, type XmlNode } from './envelope.js';

const DIGEST_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

/** A WS-Security UsernameToken as sent in `wsse:Security`. */
export type UsernameToken =
  | { kind: 'text'; username: string; password: string }
  | { kind: 'digest'; username: string; digest: string; nonce: string; created: string };

/** Reads the UsernameToken of a request header; null when there is none. */
export function readUsernameToken(header: XmlNode): UsernameToken | null {
  const security = header.Security;
  const token = isNode(security) ? security.UsernameToken : undefined;
  if (!isNode(token)) return null;
  const username = textOf(token.Username) ?? '';
  const password = token.Password;
  const value = textOf(password) ?? '';
  const type = isNode(password) ? password['@Type'] : undefined;
  if (type !== DIGEST_TYPE) return { kind: 'text', username, password: value };
  return {
    kind: 'digest',
    username,
    digest: value,
    nonce: textOf(token.Nonce) ?? '',
    created: textOf(token.Created) ?? '',
  };
}

/** Base64(SHA-1(nonce bytes + created + secret)), the UsernameToken Profile 1.0 digest. */
export function passwordDigest(nonce: string, created: string, secret: string): string {
  return createHash('sha1')
    .update(Buffer.from(nonce, 'base64'))
    .update(created, 'utf8')
    .update(secret, 'utf8')
    .digest('base64');
}

export interface DigestPolicy {
  /** How far `Created` may be from the server's clock (both ways). */
  maxSkewMs: number;
  /** Nonces remembered per instance (oldest dropped first once expired). */
  maxNonces: number;
  now?: () => number;
}

const unauthenticated = (message: string) => new CommerceError('unauthenticated', message);

/**
 * Checks PasswordDigest tokens: `Created` within the skew window, a nonce not seen within it,
 * and the digest over the key's SHA-256 hex (the only form of the key the server stores).
 */
export function createDigestChecker(policy: DigestPolicy) {
  const now = policy.now ?? Date.now;
  const seen = new Map<string, number>();

  function forgetExpired(at: number): void {
    for (const [nonce, expiry] of seen) {
      if (expiry > at && seen.size <= policy.maxNonces) break;
      seen.delete(nonce);
    }
  }

  return {
    /**
     * Throws `unauthenticated` for a stale or replayed token; else reserves its nonce at once
     * (so two concurrent requests cannot both spend it) and returns the proof check.
     */
    prepare(token: Extract<UsernameToken, { kind: 'digest' }>): (keyHash: string) => boolean {
      const created = Date.parse(token.created);
      const at = now();
      if (!Number.isFinite(created) || Math.abs(at - created) > policy.maxSkewMs) {
        throw unauthenticated('the UsernameToken Created time is missing or not fresh');
      }
      if (Buffer.from(token.nonce, 'base64').length < 8) {
        throw unauthenticated('the UsernameToken needs a Nonce of at least 8 bytes');
      }
      if (seen.has(token.nonce)) throw unauthenticated('the UsernameToken Nonce was already used');
      forgetExpired(at);
      seen.set(token.nonce, at + 2 * policy.maxSkewMs);
      const given = Buffer.from(token.digest, 'base64');
      return (keyHash) => {
        const expected = Buffer.from(passwordDigest(token.nonce, token.created, keyHash), 'base64');
        return expected.length === given.length && timingSafeEqual(expected, given);
      };
    },
  };
}

export type DigestChecker = ReturnType<typeof createDigestChecker>;
