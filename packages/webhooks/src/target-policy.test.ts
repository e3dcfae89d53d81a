import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './addresses.js';
import { createTargetPolicy } from './target-policy.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '::1',
    '::',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('createTargetPolicy', () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses;

  it('refuses private literals, localhost and names resolving to a private address', async () => {
    const policy = createTargetPolicy({ resolve: resolveTo('93.184.216.34', '10.0.0.7') });
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://[::1]/hook',
      'http://localhost/hook',
      'https://hooks.example.com/hook',
    ]) {
      await expect(policy.check(url)).rejects.toMatchObject({
        code: 'invalid_argument',
        details: { fieldViolations: [{ field: 'url' }] },
      });
    }
  });

  it('allows public targets, and private ones when configured to', async () => {
    await createTargetPolicy({ resolve: resolveTo('93.184.216.34') }).check('https://a.example/h');
    await createTargetPolicy({ allowPrivateTargets: true }).check('http://127.0.0.1:9/h');
  });

  it('refuses a host that does not resolve', async () => {
    const policy = createTargetPolicy({
      resolve: async () => {
        throw new Error('ENOTFOUND');
      },
    });
    await expect(policy.check('https://nowhere.invalid/h')).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
