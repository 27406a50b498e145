import { addAgendaItem } from '../../../utils/data/records/agenda-items';
import { addLearning, saveClosing, setPairPhase } from '../../../utils/data/records/arc';
import { openFeedbackByChoice, submitFeedback } from '../../../utils/data/records/feedback';
import { addGoal } from '../../../utils/data/records/goals';
import { addIntroduction } from '../../../utils/data/records/introductions';
import { createPair } from '../../../utils/data/records/pairs';
import { saveRoleNote, setRoleNoteVisibility } from '../../../utils/data/records/role-notes';
import { ensurePlannedSession, holdSession } from '../../../utils/data/records/sessions';
import { makeStore, pairInput } from '../helpers';

/* A pair holding a record of every kind issue 15 added (tests/fixtures/backups/version-2.json). */

/** Private words: a backup without private records must not hold any of them. */
export const PRIVATE_WORDS = {
  roleNote: 'Pushed too hard once',
  learning: 'I avoid conflict',
} as const;

export async function storeWithEveryIssue15Kind() {
  const store = makeStore({ deviceId: 'laptop', time: 1_767_000_000_000 });
  const tick = () => store.advance(60_000);
  const pair = await createPair(
    store,
    pairInput({
      title: 'Lin and Sam',
      members: [
        { id: 'm1', name: 'Lin', email: 'lin@example.org', role: 'mentee' },
        { id: 'm2', name: 'Sam', email: '', role: 'mentor' },
      ],
      agreement: {
        rhythm: 'Every other Monday',
        confidentiality: 'Between us',
        scope: 'Leadership',
        startDate: '2026-01-05',
        midpointDate: '2026-04-06',
        endDate: '2026-07-06',
      },
    }),
  );
  tick();
  await setPairPhase(store, pair.id, 'closing');
  tick();
  await addGoal(store, pair.id, {
    title: 'Lead a team meeting',
    why: 'Confidence',
    measure: 'Ran two',
    targetDate: '2026-06-30',
    status: 'achieved',
    progress: 100,
    ownerIds: ['m1'],
    roleNeeds: ['challenger', 'supporter'],
    outcome: 'Ran the quarterly planning meeting',
  });
  tick();
  const session = await ensurePlannedSession(store, pair.id);
  tick();
  await addAgendaItem(store, session, 'Plan the handover', 'mentee', { authorId: 'm1' });
  tick();
  await addAgendaItem(store, session, 'Talk about the next role', 'mentor', {
    suggestion: true,
    authorId: 'm2',
  });
  tick();
  await holdSession(store, session.id, pair.cadenceDays);
  tick();
  await addIntroduction(store, session, {
    who: 'Dana Reyes',
    org: 'Platform team',
    why: 'Ran a migration like this one',
    followUp: '2026-07-01',
  });
  tick();
  const shared = await saveRoleNote(store, session, 'mentee', undefined, {
    used: ['advisor'],
    needed: ['connector'],
    note: 'More introductions',
  });
  tick();
  await setRoleNoteVisibility(store, shared.id, 'private', 'shared');
  tick();
  await saveRoleNote(store, session, 'mentor', undefined, {
    used: ['challenger'],
    needed: ['supporter'],
    note: PRIVATE_WORDS.roleNote,
  });
  tick();
  await addLearning(
    store,
    { pairId: pair.id, sessionId: session.id, authorRole: 'mentee', text: 'Ask before solving' },
    'shared',
  );
  tick();
  await addLearning(store, {
    pairId: pair.id,
    sessionId: session.id,
    authorRole: 'mentee',
    text: PRIVATE_WORDS.learning,
  });
  tick();
  await saveClosing(store, pair.id, {
    whatNext: 'Apply for the lead role',
    learnFrom: 'Dana Reyes',
    endorsement: 'Lin leads with care.',
    closedAt: store.now(),
  });
  tick();
  // The mentee's answers still sealed (the key only in this browser); the mentor's, from the
  // mentor's phone, opened by choice.
  const mine = await submitFeedback(store, session, 'mentee', {
    helped: 'Rehearsing the talk',
    change: 'Less status',
    word: 'Clarifying',
    usefulness: 5,
  });
  tick();
  const phone = makeStore({ deviceId: 'phone', time: store.now() });
  const theirs = await submitFeedback(phone, session, 'mentor', {
    helped: 'Hearing the plan',
    change: 'Start with the hard topic',
    word: 'Candid',
    usefulness: 4,
  });
  const opened = await openFeedbackByChoice(phone, theirs.id);
  await store.db.feedback.put(opened);
  return { store, pair, session, mine, theirs: opened };
}
