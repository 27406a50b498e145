import { useEffect, useRef } from 'preact/hooks';
import { t, tParts } from '../utils/i18n';
import { AboutTandem, openOptions } from './onboarding';
import { ShortcutList } from './shortcuts';

/** Help: the keyboard shortcuts, where Tandem works and where its data lives, the options page. */
export function Help({ onClose }: { onClose: () => void }) {
  // Opening help moves the focus to its heading, so keyboard and screen reader users start there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="help" aria-labelledby="help-heading" data-testid="help">
      <div class="section-head">
        <h1 id="help-heading" tabIndex={-1} ref={heading}>
          {t('app.help')}
        </h1>
        <button type="button" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
      <ShortcutList />
      <section class="section" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('help.about')}</h2>
        <AboutTandem headingLevel={3} />
        <p>
          {tParts(
            'help.options',
            <button key="options" type="button" class="link" onClick={() => void openOptions()}>
              {t('help.openOptions')}
            </button>,
          )}
        </p>
      </section>
    </section>
  );
}
