import type { ComponentChildren } from 'preact';
import { membersFromAttendees } from '../utils/mentoring/members-from-attendees';
import type { PageContext } from '../utils/schema/page-context';
import { onboardingDismissed } from '../utils/settings';
import { lazyView } from './lazy-view';
import { Onboarding } from './onboarding';
import { useStore } from './use-live';
import { Welcome } from './welcome';

const PairForm = lazyView(() => import('./pair-form').then((m) => m.PairForm));

/**
 * A new pair's form; with no pair yet, the introduction (or, once dismissed, the welcome) and
 * the meeting card above it. A pair made from a meeting starts with its title and attendees.
 */
export function NewPairScreen({
  formKey,
  noPairs,
  introDismissed,
  meetingCard,
  fromMeeting,
  onDone,
  onCancel,
}: {
  /** A fresh form for each way in. */
  formKey: string;
  noPairs: boolean;
  introDismissed: boolean;
  meetingCard: ComponentChildren;
  fromMeeting: NonNullable<PageContext['meeting']> | null;
  onDone: (id: string) => void | Promise<void>;
  onCancel: (() => void) | undefined;
}) {
  const store = useStore();
  return (
    <>
      {noPairs &&
        (introDismissed ? (
          <Welcome />
        ) : (
          <Onboarding onDismiss={() => void onboardingDismissed.setValue(true)} />
        ))}
      {noPairs && meetingCard}
      <PairForm
        key={formKey}
        initial={
          fromMeeting
            ? {
                title: fromMeeting.title ?? '',
                members: membersFromAttendees(fromMeeting.attendees, store.newId),
              }
            : undefined
        }
        onDone={onDone}
        onCancel={onCancel}
      />
    </>
  );
}
