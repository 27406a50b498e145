import { useEffect, useRef } from 'preact/hooks';
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
          Help
        </h1>
        <button type="button" onClick={onClose}>
          Close help
        </button>
      </div>
      <ShortcutList />
      <section class="section" aria-labelledby="about-heading">
        <h2 id="about-heading">About Tandem</h2>
        <AboutTandem headingLevel={3} />
        <p>
          <button type="button" class="link" onClick={() => void openOptions()}>
            Open the options
          </button>{' '}
          to share a pair or join one, add a self-hosted Jitsi server, back up your data and see
          what Tandem may access.
        </p>
      </section>
    </section>
  );
}
