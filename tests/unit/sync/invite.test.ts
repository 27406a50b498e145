import { describe, expect, test } from 'vitest';
import { createPairSecret, toBase64url } from '../../../utils/sync/crypto';
import {
  decodeInvite,
  type Invite,
  inviteCode,
  inviteLink,
  normalizeSidecarUrl,
} from '../../../utils/sync/invite';

const invite: Invite = {
  sidecarUrl: 'https://sync.example.org/tandem',
  spaceId: 'AbCdEfGhIjKlMnOpQrSt_-',
  inviteToken: `${'T'.repeat(42)}x`,
  secret: toBase64url(createPairSecret()),
  pairId: '0d9c2f5e-7a61-4a51-9a3c-5b0c8e7f1a2b',
};

describe('invites', () => {
  test('a link carries the space in its path and the token, key and pair only in its fragment', () => {
    const link = inviteLink(invite);
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://sync.example.org/tandem/join/AbCdEfGhIjKlMnOpQrSt_-',
    );
    // What a browser would send when opening it: no token, no key.
    expect(url.search).toBe('');
    expect(`${url.origin}${url.pathname}`).not.toContain(invite.secret);
    expect(url.hash).toContain(invite.secret);
    expect(decodeInvite(link)).toEqual(invite);
  });

  test('a code is one copyable word and reads back the same', () => {
    const code = inviteCode(invite);
    expect(code).toMatch(/^tandem:[A-Za-z0-9_-]+$/);
    expect(decodeInvite(code)).toEqual(invite);
    expect(decodeInvite(`  ${code}\n`)).toEqual(invite);
    expect(decodeInvite(`<${inviteLink(invite)}>`)).toEqual(invite);
  });

  test('a local sidecar over plain http works; one elsewhere must use https', () => {
    const local = { ...invite, sidecarUrl: 'http://127.0.0.1:8787' };
    expect(decodeInvite(inviteLink(local))).toEqual(local);
    expect(() =>
      decodeInvite(inviteCode({ ...invite, sidecarUrl: 'http://sync.example.org' })),
    ).toThrow(/https/);
  });

  test.each([
    ['', /Paste the invite/],
    ['hello', /not a Tandem invite/],
    ['https://sync.example.org/spaces/abc', /no \/join\//],
    [inviteLink(invite).split('#')[0] ?? '', /lost its key/],
    [inviteLink(invite).replace(/k=[^&]+/, 'k=short'), /key is missing or damaged/],
    [inviteLink(invite).replace(/t=[^&]+/, 't='), /join token is missing or damaged/],
    [inviteLink(invite).replace('AbCdEfGhIjKlMnOpQrSt_-', 'tooshort'), /no valid pair space/],
    [inviteLink(invite).replace(/p=[^&]+/, 'p=has%20spaces'), /no valid pair/],
    ['tandem:!!!', /code is damaged/],
    ['tandem:' + 'e30', /sidecar address/],
    ['ftp://sync.example.org/join/AbCdEfGhIjKlMnOpQrSt_-#t=x', /not a Tandem invite/],
  ])('refuses a malformed invite (%s) with a clear message', (text, message) => {
    expect(() => decodeInvite(text)).toThrow(message);
  });

  test('a key with stray bits in its last character is refused (it is not 32 bytes)', () => {
    const bad = `${invite.secret.slice(0, 42)}B`;
    expect(() => decodeInvite(inviteLink(invite).replace(invite.secret, bad))).toThrow(/key/);
  });
});

describe('the sidecar address', () => {
  test('is normalised: no trailing slash, path kept', () => {
    expect(normalizeSidecarUrl(' http://127.0.0.1:8787/ ')).toBe('http://127.0.0.1:8787');
    expect(normalizeSidecarUrl('https://example.org/sync/')).toBe('https://example.org/sync');
    expect(normalizeSidecarUrl('http://localhost:9000')).toBe('http://localhost:9000');
  });

  test.each([
    ['', /Enter the address/],
    ['example.org', /not a web address/],
    ['ftp://example.org', /must start with https/],
    ['http://192.168.1.5:8787', /https/],
    ['https://user:pw@example.org', /user name or password/],
    ['https://example.org/?a=1', /\? or #/],
  ])('refuses %s', (text, message) => {
    expect(() => normalizeSidecarUrl(text)).toThrow(message);
  });
});
