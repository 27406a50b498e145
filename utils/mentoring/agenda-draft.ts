import type { AgendaItem } from '../schema/agenda-item';
import type { Pair } from '../schema/pair';
import { myMember } from './my-member';

/**
 * The mentee drafts the next agenda: in one-to-one, reverse and group mentoring what the mentor
 * adds is a suggestion, shown after the mentee's items until a mentee takes it in (or declines
 * it); the mentor sees who drafted the rest. In peer mentoring both draft: no suggestions.
 */

type PairLike = Pick<Pair, 'members' | 'model' | 'myRole' | 'myMemberId'>;

/** Whether the pair's agenda is the mentee's to draft (every model but peer). */
export const menteeDrafts = (pair: Pick<Pair, 'model'>): boolean => pair.model !== 'peer';

/** The member this browser's user is, when known (utils/mentoring/my-member.ts). */
export { myMember as selfMemberId } from './my-member';

/** What a new agenda item written on this browser records besides its text. */
export function newAgendaFields(pair: PairLike): Pick<AgendaItem, 'suggestion' | 'authorId'> {
  const fields: Pick<AgendaItem, 'suggestion' | 'authorId'> = {};
  const author = myMember(pair);
  if (author) fields.authorId = author;
  if (menteeDrafts(pair) && pair.myRole === 'mentor') fields.suggestion = true;
  return fields;
}

/** Whether this browser's user takes in or declines suggestions: a mentee, outside peer mentoring. */
export const answersSuggestions = (pair: Pick<Pair, 'model' | 'myRole'>): boolean =>
  menteeDrafts(pair) && pair.myRole === 'mentee';

/**
 * Who drafted the agenda, for the mentor's heading: the mentees who wrote its items (by
 * `authorId`), or, where items do not say, the pair's mentees. Empty when the mentee has not
 * written anything yet, in peer mentoring, and when nobody is named.
 */
export function draftedBy(
  items: readonly Pick<AgendaItem, 'addedBy' | 'authorId' | 'suggestion'>[],
  pair: Pick<Pair, 'members' | 'model'>,
  locale?: string,
): string {
  if (!menteeDrafts(pair)) return '';
  const drafted = items.filter((i) => i.addedBy === 'mentee' && !i.suggestion);
  if (drafted.length === 0) return '';
  const mentees = pair.members.filter((m) => m.role === 'mentee' && m.name.trim() !== '');
  const known = mentees.filter((m) => drafted.some((i) => i.authorId === m.id));
  const names = (drafted.every((i) => i.authorId) && known.length > 0 ? known : mentees).map((m) =>
    m.name.trim(),
  );
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
