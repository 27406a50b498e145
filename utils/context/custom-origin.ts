import { t } from '../i18n';
import { hostForUrl } from '.';

export type OriginResult = { ok: true; origin: string } | { ok: false; message: string };

/**
 * A self-hosted Jitsi address as the user types it ("jitsi.example.org",
 * "https://meet.example.org/some-room") → its https origin, or a message saying what is wrong.
 */
export function parseJitsiOrigin(input: string): OriginResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: t('jitsiErrors.empty') };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, message: t('jitsiErrors.notAddress', trimmed) };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, message: t('jitsiErrors.httpsOnly') };
  }
  if (!url.hostname.includes('.') || url.username || url.password) {
    return { ok: false, message: t('jitsiErrors.notServer', trimmed) };
  }
  if (hostForUrl(new URL(`${url.origin}/x`))) {
    return { ok: false, message: t('jitsiErrors.known', url.hostname) };
  }
  return { ok: true, origin: url.origin };
}
