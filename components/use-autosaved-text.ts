import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { createAutosave, ownWrites, type SaveStatus } from '../utils/panel/autosave';
import { draftJournal } from '../utils/panel/draft-journal';
import type { Visibility } from '../utils/schema/common';

/** Typing is written this long after the last keystroke (the issue allows at most 500 ms). */
export const SAVE_DELAY_MS = 300;

/**
 * Text that saves itself as the user types (notes, reflection answers): debounced writes,
 * "saved" only after the transaction commits, a synchronous safety copy until then, a flush
 * when the panel is hidden or closed, and the stored text adopted when another window saves
 * it — unless we hold unsaved typing of our own.
 */
export function useAutosavedText(
  id: string,
  visibility: Visibility,
  stored: string,
  save: (text: string) => Promise<unknown>,
) {
  const [text, setText] = useState(stored);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const own = useMemo(() => ownWrites(), [id, visibility]);
  const autosave = useMemo(
    () =>
      createAutosave({
        delayMs: SAVE_DELAY_MS,
        retryMs: 3000,
        save: async (value) => {
          own.remember(value);
          await save(value);
        },
        onStatus: setStatus,
        journal: draftJournal(localStorage, id, visibility),
      }),
    [id, visibility, own],
  );

  useEffect(() => {
    const flush = () => void autosave.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      flush();
      autosave.dispose();
    };
  }, [autosave]);

  useEffect(() => {
    // Our own saves echo back, sometimes an older one after a newer: only text written
    // elsewhere is adopted, and never over unsaved typing.
    if (!autosave.dirty && !own.isOwn(stored)) setText(stored);
  }, [stored]);

  return {
    text,
    status,
    autosave,
    onInput(value: string) {
      setText(value);
      autosave.input(value);
    },
  };
}

export function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'saved':
      return t('autosave.saved');
    case 'pending':
      return t('autosave.pending');
    case 'saving':
      return t('autosave.saving');
    case 'error':
      return status.message;
  }
}
