import type { ProgrammeDefinition } from '@tandem/protocol/programme';
import { t } from '../../utils/i18n';
import { formatDate } from '../format';

/**
 * What a programme receives, in words, and what it never does; its milestones with dates.
 * Shown before anyone agrees (options page and the other member's prompt in the panel).
 */
export function WhatItReceives({
  programme,
  headingLevel = 3,
}: {
  programme: ProgrammeDefinition;
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div class="programme-receives" data-testid="programme-receives">
      <Heading>{t('programme.receivesHeading')}</Heading>
      <p>{t('programme.receivesIntro')}</p>
      <ul>
        <li>{t('programme.receives.sessions')}</li>
        <li>{t('programme.receives.rhythm')}</li>
        <li>{t('programme.receives.milestones')}</li>
        <li>{t('programme.receives.goals')}</li>
        <li>{t('programme.receives.actions')}</li>
        <li>{t('programme.receives.usefulness')}</li>
        <li>{t('programme.receives.roles')}</li>
      </ul>
      <p class="muted">{t('programme.never')}</p>
      {programme.milestones.length > 0 && (
        <>
          <Heading>{t('programme.milestonesHeading')}</Heading>
          <ul data-testid="programme-milestones">
            {programme.milestones.map((m) => (
              <li key={m.id}>{t('programme.milestoneDue', m.title, formatDate(m.due))}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function programmeDates(programme: Pick<ProgrammeDefinition, 'startsOn' | 'endsOn'>) {
  return t('programme.dates', formatDate(programme.startsOn), formatDate(programme.endsOn));
}
