import * as z from 'zod/mini';
import { de, en, es } from 'zod/v4/locales';
import { messageLocale } from '../i18n';

const zodLocales: Record<string, typeof en> = { de, en, es };

/**
 * zod/mini ships without messages ("Invalid input" for everything); zod's own messages say why a
 * value was refused ("Too big: expected number to be <=100"), which import and the UI show — in
 * the language of Tandem's other words (utils/i18n.ts), English where zod has none. Each context
 * that shows them calls this once: the background, and pages as their database layer loads
 * (utils/panel/live-layer.ts), so that the panel's first view does not carry three languages of
 * messages it shows only when a write is refused.
 */
export function configureZodMessages(): void {
  z.config((zodLocales[messageLocale()] ?? en)());
}
