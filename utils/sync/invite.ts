import { t } from '../i18n';
import { fromBase64url, toBase64url } from './crypto';
import { secretToken, serverId, syncRecordId } from './protocol';

/**
 * An invite into a shared pair, as a link or as a code:
 *
 *   https://sidecar.example.org/join/<spaceId>#t=<inviteToken>&k=<pairSecret>&p=<pairId>
 *   tandem:<base64url of {"u":sidecarUrl,"s":spaceId,"t":inviteToken,"k":pairSecret,"p":pairId}>
 *
 * Why the fragment: a browser never sends the part after `#` to a server — not in the request
 * line, not in a Referer — so opening the link, or a proxy logging it, shows the sidecar only
 * the space id. The pair secret must never reach the sidecar: with it, the server could read
 * every record. The join token is a credential too; Tandem sends it in the body of the join
 * request (single use, expires in 24 h), so it has no business in a URL the server logs.
 * The pair id travels along so the joining browser knows which pair the records belong to
 * before it decrypts any of them (and refuses records of any other pair).
 */
export interface Invite {
  /** The sidecar's base URL, without a trailing slash. */
  sidecarUrl: string;
  spaceId: string;
  inviteToken: string;
  /** The 256-bit pair secret, base64url (43 characters). */
  secret: string;
  pairId: string;
}

export class InviteError extends Error {
  override name = 'InviteError';
}

const CODE_PREFIX = 'tandem:';
const JOIN = '/join/';
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

/** The invite as a link to share (the secret in the fragment). */
export function inviteLink(invite: Invite): string {
  checkInvite(invite);
  const fragment = new URLSearchParams({
    t: invite.inviteToken,
    k: invite.secret,
    p: invite.pairId,
  });
  return `${invite.sidecarUrl}${JOIN}${invite.spaceId}#${fragment.toString()}`;
}

/** The invite as one copyable word (no spaces, no characters a chat app would mangle). */
export function inviteCode(invite: Invite): string {
  checkInvite(invite);
  const json = JSON.stringify({
    u: invite.sidecarUrl,
    s: invite.spaceId,
    t: invite.inviteToken,
    k: invite.secret,
    p: invite.pairId,
  });
  return `${CODE_PREFIX}${base64urlText(json)}`;
}

/** Reads a pasted invite, link or code; throws InviteError saying what is wrong with it. */
export function decodeInvite(input: string): Invite {
  const text = input.trim().replace(/^[<"'(]+|[>"')]+$/g, '');
  if (text === '') {
    throw new InviteError(t('invite.error.empty'));
  }
  if (text.toLowerCase().startsWith(CODE_PREFIX)) return decodeCode(text.slice(CODE_PREFIX.length));
  if (/^https?:\/\//i.test(text)) return decodeLink(text);
  throw new InviteError(t('invite.error.notInvite'));
}

function decodeLink(text: string): Invite {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InviteError(t('invite.error.badLink'));
  }
  const at = url.pathname.lastIndexOf(JOIN);
  if (at < 0) throw new InviteError(t('invite.error.noJoin'));
  const spaceId = decodeURIComponent(url.pathname.slice(at + JOIN.length).replace(/\/$/, ''));
  if (url.hash.length <= 1) {
    throw new InviteError(t('invite.error.noKey'));
  }
  const fragment = new URLSearchParams(url.hash.slice(1));
  let base: string;
  try {
    base = normalizeSidecarUrl(`${url.origin}${url.pathname.slice(0, at)}`);
  } catch (error) {
    throw new InviteError(t('invite.error.badSidecar', (error as Error).message));
  }
  return checkInvite({
    sidecarUrl: base,
    spaceId,
    inviteToken: fragment.get('t') ?? '',
    secret: fragment.get('k') ?? '',
    pairId: fragment.get('p') ?? '',
  });
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
  return checkInvite({
    sidecarUrl,
    spaceId: get('s'),
    inviteToken: get('t'),
    secret: get('k'),
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
  // 43 base64url characters are exactly 32 bytes when the last one carries no stray bits.
  if (!/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(invite.secret)) {
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
