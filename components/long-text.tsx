import { useState } from 'preact/hooks';
import { formatNumber, t } from '../utils/i18n';

/** Texts longer than this (characters) or with more lines than FOLD_LINES show folded. */
export const FOLD_CHARS = 600;
export const FOLD_LINES = 8;

/** Where a long text is cut for its folded view: at a line or word end near the limit. */
export function foldPoint(text: string): number | null {
  const lines = text.split('\n');
  let end = text.length;
  if (lines.length > FOLD_LINES) end = lines.slice(0, FOLD_LINES).join('\n').length;
  if (end > FOLD_CHARS) {
    const space = text.lastIndexOf(' ', FOLD_CHARS);
    end = space > FOLD_CHARS / 2 ? space : FOLD_CHARS;
  }
  return end < text.length ? end : null;
}

/**
 * A user's text as text (never HTML), its line breaks and list lines kept, its direction its
 * own; a long one shows its beginning with "Show all" (and "Show less" once open).
 */
export function LongText({ text, class: className }: { text: string; class?: string }) {
  const [open, setOpen] = useState(false);
  const cut = foldPoint(text);
  const shown = cut === null || open ? text : `${text.slice(0, cut).trimEnd()}…`;
  return (
    <div class={`long-text ${className ?? ''}`}>
      <span class="user-text" dir="auto">
        {shown}
      </span>
      {cut !== null && (
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('common.showLess') : t('common.showAll', formatNumber(text.length))}
        </button>
      )}
    </div>
  );
}
