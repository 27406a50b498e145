import { useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { Visibility } from '../utils/schema/common';
import type { Pair } from '../utils/schema/pair';
import { useAutoFocus } from './use-auto-focus';

/**
 * Who sees a note or a reflection, and the one way to change it. Making a private text shared
 * asks once, showing what will be shared and with whom (the safe answer has the focus); making
 * a shared text private needs no question. `onChange` resolves to whether it worked; focus is
 * the caller's to restore on the redrawn row (`focusOnMount`).
 */
export function ShareControl({
  visibility,
  text,
  pair,
  focusOnMount,
  onChange,
  kind = 'note',
}: {
  /** What is shared: words differ for a note and a reflection's answer. */
  kind?: 'note' | 'answer';
  visibility: Visibility;
  text: string;
  pair: Pair;
  focusOnMount: boolean;
  onChange: (to: Visibility) => Promise<unknown>;
}) {
  const toggle = useAutoFocus<HTMLButtonElement>(focusOnMount);
  const [asking, setAsking] = useState(false);
  const safe = useAutoFocus<HTMLButtonElement>(asking);
  const names = pair.members.map((m) => m.name.trim()).filter((name) => name !== '');
  return (
    <>
      <div class="share-control">
        <span class={`badge visibility ${visibility}`}>
          {visibility === 'private' ? t('notes.privateBadge') : t('notes.sharedBadge')}
        </span>
        <span class="grow" />
        {visibility === 'private' ? (
          <button
            type="button"
            class="small"
            ref={toggle}
            aria-expanded={asking}
            onClick={() => setAsking(true)}
          >
            {t('notes.share')}
          </button>
        ) : (
          <button type="button" class="small" ref={toggle} onClick={() => void onChange('private')}>
            {t('notes.makePrivate')}
          </button>
        )}
      </div>
      {asking && (
        <fieldset class="confirm share-confirm">
          <legend class="visually-hidden">
            {kind === 'note' ? t('notes.shareLegend') : t('reflections.shareLegend')}
          </legend>
          <p>
            {names.length > 0
              ? t('notes.shareWith', pair.title, names.join(', '))
              : t('notes.shareWithPair', pair.title)}
          </p>
          {text.trim() !== '' && (
            <blockquote class="share-preview" dir="auto">
              {text.length > 240 ? `${text.slice(0, 240)}…` : text}
            </blockquote>
          )}
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={async () => {
                setAsking(false);
                await onChange('shared');
              }}
            >
              {kind === 'note' ? t('notes.shareConfirm') : t('reflections.shareConfirm')}
            </button>
            <button
              type="button"
              ref={safe}
              onClick={() => {
                setAsking(false);
                toggle.current?.focus();
              }}
            >
              {t('notes.keepPrivate')}
            </button>
          </div>
        </fieldset>
      )}
    </>
  );
}
