import fc from 'fast-check';
import { addressProblem, newSigningSecret, openSecret, parseWebhookUrl, retryDelay, sealSecret } from './index';

describe('webhook targets', () => {
  it.each(['127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'ff02::1'])('refuses %s', (address) => {
    expect(addressProblem(address)).toMatch(/not a public one/);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(addressProblem(address)).toBeNull();
  });

  it('reads URLs: http(s) only, no credentials, IPv6 literals without brackets', () => {
    expect(parseWebhookUrl('https://[::1]:8443/x')).toMatchObject({ host: '::1', literalAddress: '::1' });
    expect(parseWebhookUrl('https://hooks.example.org/x')).toMatchObject({ host: 'hooks.example.org', literalAddress: null });
    expect(() => parseWebhookUrl('gopher://example.org/')).toThrow(/http/);
    expect(() => parseWebhookUrl('https://a:b@example.org/')).toThrow(/user name or password/);
    expect(() => parseWebhookUrl('nonsense')).toThrow(/not a URL/);
  });
});

describe('webhook signing secrets', () => {
  const key = 'a token secret of enough length for a test, not a real one';
  const org = '0b7e3d6e-2f55-4d6e-9d6a-3f1c2b8e9a10';
  const endpoint = '5b1c9f0a-7a3e-4f0e-8f5b-0c2d9e6a4b31';

  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('seals and opens a secret; another row, key or a changed byte does not open', () => {
    const secret = newSigningSecret();
    const sealed = sealSecret(key, org, endpoint, secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(openSecret(key, org, endpoint, sealed)).toBe(secret);
    expect(() => openSecret(key, org, org, sealed)).toThrow();
    expect(() => openSecret(`${key}!`, org, endpoint, sealed)).toThrow();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(key, org, endpoint, [...parts.slice(0, 3), flipped.toString('base64url')].join('.'))).toThrow();
  });
});

describe('retry schedule', () => {
  it('grows four-fold per try, between half and all of the full delay, capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const full = Math.min(3_600_000, 1_000 * 4 ** (n - 1));
        const d = retryDelay(n, 1_000, 3_600_000, () => r);
        return d >= Math.floor(full / 2) && d <= full;
      }),
    );
    expect(retryDelay(1, 5_000, 1e9, () => 1)).toBe(5_000);
    expect(retryDelay(3, 5_000, 1e9, () => 1)).toBe(80_000);
  });
});
