import { useRef, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { lazyView } from './lazy-view';

/** The form loads when first opened: the panel's first view carries only this button. */
const ScheduleNext = lazyView(() => import('./schedule-next').then((m) => m.ScheduleNext));

/** "Schedule the next session": opens the calendar form below it, and closes it again. */
export function ScheduleButton(props: { pair: Pair; session: Session; lastHeld?: Session }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = `schedule-${props.session.id}`;
  return (
    <div class="schedule">
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        {t('calendar.open')}
      </button>
      {open && (
        <ScheduleNext
          {...props}
          id={id}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
