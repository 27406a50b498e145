import { hostForUrl } from './context';

export type OriginResult = { ok: true; origin: string } | { ok: false; message: string };

/**
 * A self-hosted Jitsi address as the user types it ("jitsi.example.org",
 * "https://meet.example.org/some-room") → its https origin, or a message saying what is wrong.
 */
export function parseJitsiOrigin(input: string): OriginResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Enter the address of your Jitsi server.' };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, message: `“${trimmed}” is not a web address.` };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, message: 'Only https addresses can be added.' };
  }
  if (!url.hostname.includes('.') || url.username || url.password) {
    return { ok: false, message: `“${trimmed}” is not a server address.` };
  }
  if (hostForUrl(new URL(`${url.origin}/x`))) {
    return { ok: false, message: `${url.hostname} is already read by Tandem.` };
  }
  return { ok: true, origin: url.origin };
}
