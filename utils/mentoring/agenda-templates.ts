import { type MessageKey, t } from '../i18n';
import type { ArcPhase } from '../schema/arc';
import type { Pair } from '../schema/pair';

/*
 * Agenda templates for each phase of the relationship's arc, and for the mid-point review, in
 * the words of `arc.template.*`. Each model adds its own: a group's round of check-ins (one item
 * per member, by name, in place of the general check-in), a peer pair's turn-taking, and in
 * reverse mentoring what the mentor is learning.
 */

export type TemplateKind = ArcPhase | 'midpoint';

const base: Record<TemplateKind, readonly string[]> = {
  agreement: ['introductions', 'hopes', 'howWeWork', 'firstGoals'],
  direction: ['checkIn', 'goalsAhead', 'success', 'firstSteps'],
  progress: ['checkIn', 'reviewActions', 'goalFocus', 'nextSteps'],
  midpoint: ['checkIn', 'progressAgainstGoals', 'agreementWorking', 'secondHalf'],
  'winding-down': ['checkIn', 'leftToDo', 'momentum', 'planClosing'],
  closing: ['achievements', 'learned', 'whatNext', 'thanks'],
};

/** What a model adds, after the item it follows. */
const extra: Partial<Record<Pair['model'], Partial<Record<TemplateKind, readonly string[]>>>> = {
  peer: { agreement: ['takingTurns'], progress: ['whoseTurn'], midpoint: ['whoseTurn'] },
  reverse: {
    agreement: ['learnFromEachOther'],
    progress: ['mentorLearned'],
    midpoint: ['mentorLearned'],
    closing: ['mentorLearnedMost'],
  },
};

const word = (id: string): string => t(`arc.template.${id}` as MessageKey);

export function agendaTemplate(
  kind: TemplateKind,
  pair: Pick<Pair, 'model' | 'members'>,
): string[] {
  const ids = [...base[kind], ...(extra[pair.model]?.[kind] ?? [])];
  const items = ids.filter((id) => id !== 'checkIn').map(word);
  const checkIns =
    pair.model === 'group' && pair.members.length > 0
      ? pair.members.map((m) => t('arc.template.checkInMember', m.name))
      : ids.includes('checkIn')
        ? [word('checkIn')]
        : [];
  return [...checkIns, ...items];
}

/** The template's items not on the agenda yet (compared without case and outer spaces). */
export function itemsToAdd(template: readonly string[], agenda: readonly string[]): string[] {
  const key = (text: string) => text.trim().toLocaleLowerCase();
  const present = new Set(agenda.map(key));
  return template.filter((text) => {
    if (present.has(key(text))) return false;
    present.add(key(text));
    return true;
  });
}
