import { messageLocale, t } from '../i18n';
import type { ActionItem, ActionOwner } from '../schema/action-item';
import type { Role } from '../schema/common';
import type { MentoringModel, Pair } from '../schema/pair';

/**
 * Who owns an action item, in the pair's own terms: its members by name, in every mentoring
 * model. An item keeps the member ids (`ownerIds`) and, for devices and files that know only
 * roles, the role they add up to (`owner`: mentor, mentee or both). An item written before
 * owners were members, or whose members have left the pair, is shown by its role.
 */

/** One choice in the owner picker: one member, all mentees of a group, or everyone. */
export interface OwnerChoice {
  key: string;
  ids: readonly string[];
  label: string;
}

type Members = Pair['members'];

/** The role a set of members adds up to, for devices and files that know only roles. */
export function ownerRoleOf(ids: readonly string[], members: Members): ActionOwner {
  const roles = new Set(members.filter((m) => ids.includes(m.id)).map((m) => m.role));
  if (roles.size === 1) return [...roles][0] as Role;
  return 'both';
}

/** "Mentor", "Mentee" — or "Peer" in peer mentoring, where everyone is both. */
export function roleName(model: MentoringModel, role: Role): string {
  return model === 'peer' ? t('common.role.peer') : t(`common.role.${role}`);
}

const named = (members: Members) => members.filter((m) => m.name.trim() !== '');

type PairLike = Pick<Pair, 'members' | 'model'>;

/** Roles that have no member listed by name (the user may not have listed themselves). */
function unnamedRoles(pair: PairLike): Role[] {
  if (pair.model === 'peer' && named(pair.members).length > 0) return [];
  const members = named(pair.members);
  return (['mentee', 'mentor'] as const).filter((r) => !members.some((m) => m.role === r));
}

/**
 * The choices for a pair: each member by name; a role nobody is listed for, by its name; in a
 * group with more than one mentee, all mentees; and the whole pair ("Both" for two, "Everyone"
 * for more).
 */
export function ownerChoices(pair: PairLike): OwnerChoice[] {
  const members = named(pair.members);
  const choices: OwnerChoice[] = members.map((m) => ({
    key: `member:${m.id}`,
    ids: [m.id],
    label: m.name.trim(),
  }));
  const missing = unnamedRoles(pair);
  for (const role of missing) {
    choices.push({ key: `role:${role}`, ids: [], label: roleName(pair.model, role) });
  }
  const mentees = members.filter((m) => m.role === 'mentee');
  if (pair.model !== 'peer' && mentees.length > 1 && mentees.length < members.length) {
    choices.push({ key: 'mentees', ids: mentees.map((m) => m.id), label: t('owners.mentees') });
  }
  if (missing.length > 0) {
    choices.push({ key: 'role:both', ids: [], label: t('common.role.both') });
  } else if (members.length > 1) {
    choices.push({
      key: 'everyone',
      ids: members.map((m) => m.id),
      label: members.length === 2 ? t('common.role.both') : t('owners.everyone'),
    });
  }
  return choices;
}

/**
 * The members an item is owned by, still in the pair; for an item from before owners were
 * members, those of its role. None: the item is shown by its role.
 */
export function ownerIdsOf(item: Pick<ActionItem, 'owner' | 'ownerIds'>, pair: PairLike): string[] {
  const members = named(pair.members);
  const present = new Set(members.map((m) => m.id));
  const ids = (item.ownerIds ?? []).filter((id) => present.has(id));
  // A device that knows only roles may have changed the role since: then the role is the news.
  if (ids.length > 0 && ownerRoleOf(ids, members) === item.owner) return ids;
  if (item.owner === 'both') {
    return unnamedRoles(pair).length === 0 ? members.map((m) => m.id) : [];
  }
  return members.filter((m) => m.role === item.owner).map((m) => m.id);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/** The picker's choice for an item (its key), or undefined when none matches exactly. */
export function choiceOf(
  item: Pick<ActionItem, 'owner' | 'ownerIds'>,
  pair: PairLike,
): string | undefined {
  const choices = ownerChoices(pair);
  const ids = ownerIdsOf(item, pair);
  if (ids.length === 0) return choices.find((c) => c.key === `role:${item.owner}`)?.key;
  return choices.find((c) => sameSet(c.ids, ids))?.key;
}

/** A new item's owner: the mentee when there is one, else the whole pair. */
export function defaultChoice(pair: PairLike): string {
  const choices = ownerChoices(pair);
  if (pair.model !== 'peer') {
    const mentees = named(pair.members).filter((m) => m.role === 'mentee');
    if (mentees.length === 1) return `member:${mentees[0]?.id}`;
    if (mentees.length === 0) return 'role:mentee';
  }
  return choices.at(-1)?.key ?? 'role:both';
}

/** What an item stores for a choice: the role it adds up to, and the member ids. */
export function ownerOfChoice(
  key: string,
  pair: PairLike,
): { owner: ActionOwner; ownerIds: string[] } {
  if (key.startsWith('role:')) {
    const role = key.slice(5);
    return { owner: role === 'mentor' || role === 'both' ? role : 'mentee', ownerIds: [] };
  }
  const choice = ownerChoices(pair).find((c) => c.key === key);
  const ids = [...(choice?.ids ?? [])];
  if (ids.length === 0) return { owner: 'both', ownerIds: [] };
  return { owner: ownerRoleOf(ids, pair.members), ownerIds: ids };
}

/**
 * The owner in words: "Sam", "Priya and Sam", "Everyone" — by name wherever the pair has
 * names; by role ("Mentee") where it has none.
 */
export function ownerWords(
  item: Pick<ActionItem, 'owner' | 'ownerIds'>,
  pair: PairLike,
  locale = messageLocale(),
): string {
  const members = named(pair.members);
  const ids = ownerIdsOf(item, pair);
  if (ids.length === 0) {
    return item.owner === 'both' ? t('common.role.both') : roleName(pair.model, item.owner);
  }
  if (members.length > 2 && ids.length === members.length) return t('owners.everyone');
  const names = members.filter((m) => ids.includes(m.id)).map((m) => m.name.trim());
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
