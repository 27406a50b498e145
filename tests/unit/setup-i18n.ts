import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { configureZodMessages } from '../../utils/schema/zod-messages';
import {
  type ChromeMessages,
  chromeMessages,
  LOCALES,
  type Locale,
  messageGetter,
} from './locales';

/**
 * WXT's fake browser has no i18n: give it the real messages, English by default, so that unit
 * tests see the words a user of an English browser sees. `useLocale('de')` switches a test to
 * another language (and UI locale for dates); each test starts in English again.
 */
const all = new Map<Locale, ChromeMessages>();
for (const locale of LOCALES) all.set(locale, await chromeMessages(locale));

export function useLocale(locale: Locale, uiLanguage: string = locale): void {
  const messages = all.get(locale);
  if (!messages) throw new Error(`No messages for ${locale}`);
  fakeBrowser.i18n.getMessage = messageGetter(messages) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}

useLocale('en', 'en-US');
// As the background and every page's database layer do (zod's messages in English here).
configureZodMessages();
afterEach(() => useLocale('en', 'en-US'));
