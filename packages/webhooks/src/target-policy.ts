import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { invalidArgument, type WebhookTargetPolicy } from '@commerce/core';
import { hostOf, isPrivateAddress } from './addresses.js';

export interface TargetPolicyOptions {
  /** Allow loopback and private targets (local development, tests). Default false. */
  allowPrivateTargets?: boolean;
  /** Resolves a host name to all its addresses (injectable for tests). */
  resolve?: (host: string) => Promise<string[]>;
}

const resolveAll = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Refuses webhook URLs whose host is, or resolves to, a loopback, private, link-local or
 * unspecified address, unless allowed. The transport checks again at connect time (DNS rebinding).
 */
export function createTargetPolicy(options: TargetPolicyOptions = {}): WebhookTargetPolicy {
  const resolve = options.resolve ?? resolveAll;
  return {
    async check(url) {
      if (options.allowPrivateTargets) return;
      const host = hostOf(new URL(url));
      if (host === 'localhost' || host.endsWith('.localhost')) {
        throw invalidArgument('url', 'must not point at this server (localhost)');
      }
      let addresses: string[];
      try {
        addresses = isIP(host) ? [host] : await resolve(host);
      } catch {
        throw invalidArgument('url', `the host ${host} does not resolve`);
      }
      const refused = addresses.find(isPrivateAddress);
      if (refused !== undefined) {
        throw invalidArgument(
          'url',
          `must not point at a loopback, private or link-local address (${host} is ${refused})`,
        );
      }
    },
  };
}
