import { formatNumber, t } from '../../utils/i18n';
import { roleNeedsOf } from '../../utils/mentoring/mentor-roles';
import { goalsOf } from '../../utils/queries/goals';
import type { Pair } from '../../utils/schema/pair';
import { mentorRoleName } from '../role-chips';
import { useLive, useStore } from '../use-live';

/** Prep's one line: "The mentee's open goals call for: Challenger ×2, Connector ×1". */
export function RoleNeeds({ pair }: { pair: Pair }) {
  const store = useStore();
  const goals = useLive(() => goalsOf(store.db, pair.id), [store, pair.id]);
  if (!goals) return null;
  const needs = roleNeedsOf(goals, pair.members);
  if (needs.length === 0) return null;
  return (
    <p class="role-needs" data-testid="role-needs">
      <span class="label">{t('mentorRoles.prepNeeds')}</span>{' '}
      {needs
        .map((n) => t('mentorRoles.needCount', mentorRoleName(n.role), formatNumber(n.count)))
        .join(', ')}
    </p>
  );
}
