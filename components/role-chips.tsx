import { t } from '../utils/i18n';
import { type MentorRole, mentorRoles, sortedRoles } from '../utils/schema/mentor-role';

export const mentorRoleName = (role: MentorRole): string => t(`mentorRoles.name.${role}`);

/**
 * The mentor's four roles as toggle chips (buttons with aria-pressed) under one label: a tap
 * picks or drops a role; each chip says what the role does in its tooltip.
 */
export function RoleChips({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: readonly MentorRole[];
  onChange: (roles: MentorRole[]) => void;
  testId?: string;
}) {
  return (
    <fieldset class="role-chips" data-testid={testId}>
      <legend>{label}</legend>
      {mentorRoles.map((role) => {
        const on = value.includes(role);
        return (
          <button
            key={role}
            type="button"
            class={`chip ${role}`}
            aria-pressed={on}
            title={t(`mentorRoles.about.${role}`)}
            onClick={() =>
              onChange(sortedRoles(on ? value.filter((r) => r !== role) : [...value, role]))
            }
          >
            {mentorRoleName(role)}
          </button>
        );
      })}
    </fieldset>
  );
}
