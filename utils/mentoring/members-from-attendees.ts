import type { Member } from '../schema/pair';

/** "priya.shah@example.com" → "Priya Shah": a starting point the user corrects. */
export function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  const words = local
    .split(/[._\-+]+/)
    .filter((w) => w && !/^\d+$/.test(w))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return words.join(' ') || email;
}

/**
 * Members prefilled from a meeting's invitees, for "New pair from this meeting". No-reply
 * addresses are left out; everyone starts as a mentee, and the user sets who mentors and
 * removes mailing lists.
 */
export function membersFromAttendees(attendees: readonly string[], newId: () => string): Member[] {
  return attendees
    .filter((email) => !/^(no-?reply|do-?not-?reply)@/i.test(email))
    .map((email) => ({ id: newId(), name: nameFromEmail(email), email, role: 'mentee' as const }));
}
