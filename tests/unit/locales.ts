import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

/** The languages Tandem ships, English (the default locale) first. */
export const LOCALES = ['en', 'de', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export type ChromeMessages = Record<string, { message: string }>;

export function localeFile(locale: string): string {
  return resolve(import.meta.dirname, '../../locales', `${locale}.yml`);
}

/** A locale's messages as the build writes them into `_locales/<lang>/messages.json`. */
export async function chromeMessages(locale: string): Promise<ChromeMessages> {
  return generateChromeMessages(await parseMessagesFile(localeFile(locale))) as ChromeMessages;
}

/**
 * `browser.i18n.getMessage` over one locale's messages, as Chromium does it: names are
 * case-insensitive, `$1`…`$9` take the substitutions (a missing one is empty), `$$` is a dollar
 * sign, and an unknown name gives "".
 */
export function messageGetter(
  messages: ChromeMessages,
): (name: string, substitutions?: string | string[]) => string {
  const byName = new Map(Object.entries(messages).map(([k, v]) => [k.toLowerCase(), v.message]));
  return (name, substitutions) => {
    const message = byName.get(name.toLowerCase());
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : [substitutions].flat();
    return message.replace(/\$(\$|[1-9])/g, (_, what: string) =>
      what === '$' ? '$' : (subs[Number(what) - 1] ?? ''),
    );
  };
}
