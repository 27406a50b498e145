import { exchangePublicKey, secretToken, serverId, syncRecordId } from '@tandem/protocol';
import { t } from '../i18n';
import { fromBase64url, toBase64url } from './crypto';

/**
 * An invite into a shared pair, as one code the members pass to each other by their own means
 * (a chat message, an email):
 *
 *   tandem:<base64url of {"v":2,"u":sidecarUrl,"s":spaceId,"t":inviteToken,"e":inviterKey,"p":pairId}>
 *
 * It carries no key to the pair's records. `e` is the public half of a one-time ECDH key the
 * inviting device made for this invite (utils/sync/keys.ts): the joining device answers with
 * its own public key, both show a verification code, and only after the inviting member
 * confirms the codes match does their device seal the pair secret for the joining one. So an
 * invite read by the sidecar, a proxy or a mail scanner gives nothing but one join request that
 * the members will see and refuse; once used, it gives nothing at all.
 *
 * There is no link form: a link would be an address on some server, and a page served there
 * could read it. Links and codes of earlier Tandems (which carried the key itself) are refused
 * with a word on why.
 */
export interface Invite {
  /** The sidecar's base URL, without a trailing slash. */
  sidecarUrl: string;
  spaceId: string;
  inviteToken: string;
  /** The inviting device's one-time ECDH P-256 public key, base64url. */
  inviterKey: string;
  pairId: string;
}

export class InviteError extends Error {
  override name = 'InviteError';
}

const CODE_PREFIX = 'tandem:';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A sidecar URL as typed into the options page, checked and normalised: https, or plain http
 * to a sidecar on this computer only (tokens must not cross a network in the clear); no user
 * name or password, query or fragment; no trailing slash.
 */
export function normalizeSidecarUrl(input: string): string {
  const text = input.trim();
  if (text === '') throw new InviteError(t('invite.error.emptyAddress'));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InviteError(t('invite.error.notAddress', text));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InviteError(t('invite.error.scheme'));
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new InviteError(t('invite.error.plainHttp'));
  }
  if (url.username || url.password) {
    throw new InviteError(t('invite.error.credentials'));
  }
  if (url.search || url.hash) {
    throw new InviteError(t('invite.error.queryOrHash'));
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The host permission a sidecar needs (`http://127.0.0.1:8787/*`): the extension may only talk
 * to a sidecar whose origin the user granted.
 */
export function sidecarOriginPattern(sidecarUrl: string): string {
  const url = new URL(normalizeSidecarUrl(sidecarUrl));
  return `${url.protocol}//${url.host}/*`;
}

/** The invite as one copyable word (no spaces, no characters a chat app would mangle). */
export function inviteCode(invite: Invite): string {
  checkInvite(invite);
  const json = JSON.stringify({
    v: 2,
    u: invite.sidecarUrl,
    s: invite.spaceId,
    t: invite.inviteToken,
    e: invite.inviterKey,
    p: invite.pairId,
  });
  return `${CODE_PREFIX}${base64urlText(json)}`;
}

/** Reads a pasted invite code; throws InviteError saying what is wrong with it. */
export function decodeInvite(input: string): Invite {
  const text = input.trim().replace(/^[<"'(]+|[>"')]+$/g, '');
  if (text === '') {
    throw new InviteError(t('invite.error.empty'));
  }
  if (text.toLowerCase().startsWith(CODE_PREFIX)) return decodeCode(text.slice(CODE_PREFIX.length));
  // An invite link of an earlier Tandem carried the pair's key where a server could read it.
  if (/^https?:\/\//i.test(text)) throw new InviteError(t('invite.error.oldLink'));
  throw new InviteError(t('invite.error.notInvite'));
}

function decodeCode(body: string): Invite {
  let fields: unknown;
  try {
    fields = JSON.parse(textFromBase64url(body));
  } catch {
    throw new InviteError(t('invite.error.damaged'));
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new InviteError(t('invite.error.damaged'));
  }
  const get = (key: string) => {
    const value = (fields as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : '';
  };
  let sidecarUrl: string;
  try {
    sidecarUrl = normalizeSidecarUrl(get('u'));
  } catch (error) {
    throw new InviteError(t('invite.error.badSidecar', (error as Error).message));
  }
  if (get('k') !== '' || (fields as Record<string, unknown>).v !== 2) {
    throw new InviteError(t('invite.error.oldCode'));
  }
  return checkInvite({
    sidecarUrl,
    spaceId: get('s'),
    inviteToken: get('t'),
    inviterKey: get('e'),
    pairId: get('p'),
  });
}

function checkInvite(invite: Invite): Invite {
  if (!serverId.safeParse(invite.spaceId).success) {
    throw new InviteError(t('invite.error.space'));
  }
  if (!secretToken.safeParse(invite.inviteToken).success) {
    throw new InviteError(t('invite.error.token'));
  }
  if (!exchangePublicKey.safeParse(invite.inviterKey).success) {
    throw new InviteError(t('invite.error.secret'));
  }
  if (!syncRecordId.safeParse(invite.pairId).success) {
    throw new InviteError(t('invite.error.pair'));
  }
  return invite;
}

function base64urlText(text: string): string {
  return toBase64url(new TextEncoder().encode(text));
}

function textFromBase64url(text: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text));
}
