import { plural, t } from '../utils/i18n';
import { nudgesFor } from '../utils/mentoring/nudges';
import { actionItemsOf } from '../utils/queries/action-items';
import { goalsOf } from '../utils/queries/goals';
import { sessionsOf } from '../utils/queries/sessions';
import type { Pair } from '../utils/schema/pair';
import { dismissedNudges, nudgesEnabled } from '../utils/settings';
import { formatDate } from './format';
import { useLive, useStore } from './use-live';
import { useSetting } from './use-setting';

/** The rhythm nudges on the pair's home: each dismissable, all switchable off. */
export function Nudges({ pair }: { pair: Pair }) {
  const store = useStore();
  const enabled = useSetting(nudgesEnabled);
  const dismissed = useSetting(dismissedNudges);
  const data = useLive(async () => {
    const [sessions, actionItems, goals] = await Promise.all([
      sessionsOf(store.db, pair.id),
      actionItemsOf(store.db, pair.id),
      goalsOf(store.db, pair.id),
    ]);
    return { sessions, actionItems, goals };
  }, [store, pair.id]);
  if (!data || enabled === undefined || dismissed === undefined) return null;
  if (!enabled) return null;
  const nudges = nudgesFor({ pair, ...data, now: Date.now(), formatDate }).filter(
    (n) => !dismissed.includes(n.id),
  );
  if (nudges.length === 0) return null;
  return (
    <section class="section nudges" aria-label={t('nudges.label')} data-testid="nudges">
      <ul>
        {nudges.map((n) => (
          <li key={n.id} class={`nudge ${n.kind}`}>
            <span class="grow">{n.text}</span>
            <button
              type="button"
              class="small"
              aria-label={t('nudges.dismissLabel', n.text)}
              onClick={() => void dismissedNudges.setValue([...dismissed, n.id])}
            >
              {t('nudges.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Whether reminders show, and the dismissed ones back: in the Pair tab and on the options page.
 * A checkbox, so turning them off is as easy to take back as it was to do.
 */
export function ReminderSettings({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const enabled = useSetting(nudgesEnabled);
  const dismissed = useSetting(dismissedNudges);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (enabled === undefined || dismissed === undefined) return null;
  return (
    <div class="reminder-settings" data-testid="reminder-settings">
      <Heading>{t('nudges.label')}</Heading>
      <label class="check">
        <input
          type="checkbox"
          name="reminders"
          checked={enabled}
          onChange={(e) => void nudgesEnabled.setValue(e.currentTarget.checked)}
        />
        <span>{t('nudges.show')}</span>
      </label>
      {dismissed.length > 0 && (
        <p>
          <button type="button" onClick={() => void dismissedNudges.setValue([])}>
            {plural('nudges.restoreDismissed', dismissed.length)}
          </button>
        </p>
      )}
    </div>
  );
}
