import { describe, expect, test } from 'vitest';
import { createPairSecret, toBase64url } from '../../../utils/sync/crypto';
import {
  decodeInvite,
  type Invite,
  inviteCode,
  normalizeSidecarUrl,
} from '../../../utils/sync/invite';
import { newExchangeKeyPair } from '../../../utils/sync/keys';

const { publicKey: inviterKey } = await newExchangeKeyPair();
const invite: Invite = {
  sidecarUrl: 'https://sync.example.org/tandem',
  spaceId: 'AbCdEfGhIjKlMnOpQrSt_-',
  inviteToken: `${'T'.repeat(42)}x`,
  inviterKey,
  pairId: '0d9c2f5e-7a61-4a51-9a3c-5b0c8e7f1a2b',
};

const codeOf = (fields: Record<string, unknown>) =>
  `tandem:${toBase64url(new TextEncoder().encode(JSON.stringify(fields)))}`;
const fields = {
  v: 2,
  u: invite.sidecarUrl,
  s: invite.spaceId,
  t: invite.inviteToken,
  e: invite.inviterKey,
  p: invite.pairId,
};

describe('invites', () => {
  test('a code is one copyable word, reads back the same, and carries no key to the records', () => {
    const code = inviteCode(invite);
    expect(code).toMatch(/^tandem:[A-Za-z0-9_-]+$/);
    expect(decodeInvite(code)).toEqual(invite);
    expect(decodeInvite(`  ${code}\n`)).toEqual(invite);
    expect(decodeInvite(`<${code}>`)).toEqual(invite);
    // Only the one-time public key of the inviting device: nothing that opens a record.
    const inside = JSON.parse(atob(code.slice(7).replace(/-/g, '+').replace(/_/g, '/')));
    expect(Object.keys(inside).sort()).toEqual(['e', 'p', 's', 't', 'u', 'v']);
  });

  test('a local sidecar over plain http works; one elsewhere must use https', () => {
    const local = { ...invite, sidecarUrl: 'http://127.0.0.1:8787' };
    expect(decodeInvite(inviteCode(local))).toEqual(local);
    expect(() =>
      decodeInvite(inviteCode({ ...invite, sidecarUrl: 'http://sync.example.org' })),
    ).toThrow(/https/);
  });

  test('links and key-carrying codes of earlier Tandems are refused, saying why', () => {
    const secret = toBase64url(createPairSecret());
    expect(() =>
      decodeInvite(
        `https://sync.example.org/join/AbCdEfGhIjKlMnOpQrSt_-#t=${invite.inviteToken}&k=${secret}&p=x`,
      ),
    ).toThrow(/earlier Tandem.*new invite code/);
    expect(() =>
      decodeInvite(
        codeOf({
          u: invite.sidecarUrl,
          s: invite.spaceId,
          t: invite.inviteToken,
          k: secret,
          p: invite.pairId,
        }),
      ),
    ).toThrow(/earlier Tandem.*new invite code/);
  });

  test.each([
    ['', /Paste the invite code/],
    ['hello', /not a Tandem invite/],
    [codeOf({ ...fields, t: '' }), /join token is missing or damaged/],
    [codeOf({ ...fields, s: 'tooshort' }), /no valid pair space/],
    [codeOf({ ...fields, p: 'has spaces' }), /no valid pair/],
    [codeOf({ ...fields, e: 'short' }), /device key is missing or damaged/],
    ['tandem:!!!', /code is damaged/],
    ['tandem:' + 'e30', /sidecar address/],
    ['ftp://sync.example.org/join/AbCdEfGhIjKlMnOpQrSt_-#t=x', /not a Tandem invite/],
  ])('refuses a malformed invite (%s) with a clear message', (text, message) => {
    expect(() => decodeInvite(text)).toThrow(message);
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
