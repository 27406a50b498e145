// The history benchmark's seed: five years of weekly sessions for five pairs (issue 5: "about
// 1,300 sessions, 10,000 notes"), generated in Node from a fixed seed, validated against the zod
// schemas, with the search index rows computed by the project's own searchEntryFor
// (utils/search/search-index.ts), written with raw IndexedDB into a fresh profile.
import {
  describePage,
  type ExtensionBrowser,
  type ExtensionPageGlobals,
  openFreshPanel,
  shownPair,
} from './browser.ts';
import {
  idbVersion,
  injectHelpers,
  loadProjectSchemas,
  loadSearchIndexModule,
  type PageHelpers,
  pageHelpersScript,
  validateSeed,
} from './project.ts';
import { DAY, emailOf, isoDay, isoMinute, prng, type Row, syncFields, uuidFrom } from './seed.ts';

export const PAIRS = 5;
/** Weekly for five years: 260 held sessions and the next one planned, per pair. */
export const SESSIONS_PER_PAIR = 261;
export const GOALS_PER_PAIR = 5;
export const NOTES = 10_000;
export const PRIVATE_SHARE = 0.15;
export const AGENDA_PER_SESSION = 3;
export const ACTIONS_PER_HELD_SESSION = 2;
/** Rows per IndexedDB transaction while seeding. */
const BATCH = 2000;
/** A word no generated text contains, planted in a few notes (some private) to be searched. */
export const RARE_WORD = 'serendipity';
const RARE_SHARED = 12;
const RARE_PRIVATE = 3;

/* ---------- text ---------- */

// Ordered from most to least frequent (Zipf-like weights below), as words in real notes are.
const NOUNS = (
  'team project plan manager goal meeting stakeholder review time roadmap priorities ' +
  'deadline presentation design career conversation code customer release process ' +
  'feedback role scope budget estimate strategy skills risk quality testing product ' +
  'launch interview promotion architecture network confidence habit workload energy ' +
  'onboarding incident retrospective migration documentation hiring delegation workshop ' +
  'proposal metric dashboard experiment backlog sprint standup offsite conference talk ' +
  'article book course certification portfolio salary negotiation boundary calendar ' +
  'focus sponsor peer director audience narrative demo prototype survey interviewee ' +
  'candidate contract vendor partner platform pipeline outage postmortem decision ' +
  'tradeoff assumption hypothesis milestone dependency handover rotation mentorship ' +
  'curiosity resilience visibility influence ownership accountability trust'
).split(' ');
const VERBS = (
  'prepare discuss share write review ask delegate plan present finish start draft ' +
  'schedule clarify escalate simplify measure test ship document explain negotiate ' +
  'prioritise revisit postpone split estimate organise practise summarise propose ' +
  'challenge support coach observe'
).split(' ');
const ADJECTIVES = (
  'difficult clear useful new quarterly small honest open important realistic ' +
  'ambitious late early vague concrete senior junior internal external tricky ' +
  'surprising stressful calm public written'
).split(' ');
const WHEN = [
  'next week',
  'Friday',
  'the end of the month',
  'the next session',
  'the offsite',
  'the quarterly review',
  'the summer break',
  'Monday',
  'the planning meeting',
  'the release',
];
const NOTE_SENTENCES = [
  'We talked about the {N} and how it affects the {N}.',
  '{P} wants to {V} the {N} before {W}.',
  'Main blocker: the {A} {N} keeps slipping because of the {N}.',
  'Good progress on the {N}: {P} managed to {V} it with the {N} team.',
  'Next step is to {V} a {A} {N} and check it with {P}.',
  '{P} asked how to {V} when the {N} is {A}.',
  'We agreed that {P} will {V} the {N} by {W}.',
  'A useful question: what would a {A} {N} look like in six months?',
  'The {N} went better than expected; the {N} still needs work.',
  '{P} felt {A} about the {N} after the {N} meeting.',
  'Idea: {V} the {N} together with the {N} lead.',
  'Open question about the {N}: should {P} {V} it or {V} it?',
  'Read about {N} and {N}, worth sharing with the {N} group.',
  'Risk: the {N} depends on the {N}, which is still {A}.',
  'It helped to {V} the {N} first and leave the {N} for {W}.',
  '{P} noticed that the {N} gets {A} whenever the {N} changes.',
];
const AGENDA_TEMPLATES = [
  '{V} the {N}',
  'Review {N} and {N}',
  '{A} {N} update',
  'How to {V} the {N}?',
  '{N}: what changed since last time',
  '{P}: {A} {N}',
];
const ACTION_TEMPLATES = [
  '{P} to {V} the {N} by {W}',
  'Draft a {A} {N} for {P}',
  'Share {N} notes with the {N} team',
  '{V} the {N} with the {N} lead',
  'Book time to {V} the {N}',
];

function zipfPicker(list: readonly string[], random: () => number, s = 0.9): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < list.length; i += 1) {
    total += 1 / (i + 1) ** s;
    cumulative.push(total);
  }
  return () => {
    const x = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < x) low = mid + 1;
      else high = mid;
    }
    return list[low] as string;
  };
}

function textMaker(random: () => number) {
  const noun = zipfPicker(NOUNS, random);
  const verb = zipfPicker(VERBS, random);
  const adjective = zipfPicker(ADJECTIVES, random);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
  const fill = (template: string, people: readonly string[]) =>
    template.replace(/\{([NVAPW])\}/g, (_, slot: string) =>
      slot === 'N'
        ? noun()
        : slot === 'V'
          ? verb()
          : slot === 'A'
            ? adjective()
            : slot === 'P'
              ? pick(people)
              : pick(WHEN),
    );
  const capital = (text: string) => (text[0] as string).toUpperCase() + text.slice(1);
  return {
    /** A note of 200 to 800 characters, whole sentences. */
    note(people: readonly string[], extra: string | undefined) {
      const target = 200 + Math.floor(random() * 601);
      const sentences = extra ? [extra] : [];
      let length = extra ? extra.length : 0;
      for (;;) {
        const sentence = capital(fill(pick(NOTE_SENTENCES), people));
        if (length >= target || (length >= 200 && length + 1 + sentence.length > 800)) break;
        if (length + 1 + sentence.length > 800) continue;
        sentences.splice(Math.floor(random() * (sentences.length + 1)), 0, sentence);
        length += (sentences.length > 1 ? 1 : 0) + sentence.length;
      }
      return sentences.join(' ');
    },
    agenda: (people: readonly string[]) => capital(fill(pick(AGENDA_TEMPLATES), people)),
    action: (people: readonly string[]) => capital(fill(pick(ACTION_TEMPLATES), people)),
    title: (people: readonly string[]) => capital(fill('{V} the {A} {N}', people)),
    paragraph: (people: readonly string[]) => capital(fill(pick(NOTE_SENTENCES), people)),
    uuid: () => uuidFrom(random),
  };
}

/* ---------- records ---------- */

interface HistorySeed {
  pairs: Row[];
  goals: Row[];
  sessions: Row[];
  agendaItems: Row[];
  actionItems: Row[];
  notes: (Row & { body: string })[];
}

/** The page globals of the seeding: the project's helpers, and the open connections. */
type SeedGlobals = { __tandemBench: PageHelpers; __benchSeed?: Record<string, IDBDatabase> };

/**
 * Five years of weekly sessions for PAIRS pairs: { shared: {table: records}, private: {notes},
 * planted: {shared, private} } (how many notes hold RARE_WORD). The search index rows are
 * added by seedHistoryProfile() with the project's searchEntryFor.
 */
export function historyRecords({ now = Date.now() } = {}) {
  const random = prng(0x5eed05);
  const t = textMaker(random);
  const shared: HistorySeed = {
    pairs: [],
    goals: [],
    sessions: [],
    agendaItems: [],
    actionItems: [],
    notes: [],
  };
  const privateNotes: (Row & { body: string })[] = [];
  const synced = syncFields();
  const people = [
    ['Alex Morgan', 'Priya Shah'],
    ['Sam Okafor', 'Lena Vogel'],
    ['Maria Rossi', 'Tom Becker'],
    ['Jun Park', 'Chloé Martin'],
    ['Noor Haddad', 'Ben Carter'],
  ];
  const models = ['one-to-one', 'peer', 'reverse', 'group', 'one-to-one'];
  const goalStatuses = ['active', 'active', 'achieved', 'paused', 'active'];
  const plannedAt = Math.floor(now / DAY) * DAY + 7 * DAY + 16 * 3_600_000;
  const heldPerPair = SESSIONS_PER_PAIR - 1;
  // Notes spread evenly over every held session of every pair (7 or 8 each).
  const heldTotal = PAIRS * heldPerPair;
  // Which notes get the rare word: note index → private or not.
  const rareNotes = new Map<number, boolean>();
  while (rareNotes.size < RARE_SHARED + RARE_PRIVATE)
    rareNotes.set(Math.floor(random() * NOTES), rareNotes.size < RARE_PRIVATE);
  let noteIndex = 0;
  const planted = { shared: 0, private: 0 };

  for (let p = 0; p < PAIRS; p += 1) {
    const [mentor, mentee] = people[p] as [string, string];
    const names = [mentor.split(' ')[0], mentee.split(' ')[0]] as [string, string];
    const firstAt = plannedAt - heldPerPair * 7 * DAY;
    const createdAt = firstAt - 3 * DAY;
    const pairId = t.uuid();
    shared.pairs.push({
      ...synced(pairId, createdAt),
      title: `${mentor} & ${mentee}`,
      model: models[p],
      members: [
        { id: t.uuid(), name: mentor, email: emailOf(mentor), role: 'mentor' },
        { id: t.uuid(), name: mentee, email: emailOf(mentee), role: 'mentee' },
      ],
      myRole: p % 2 === 0 ? 'mentor' : 'mentee',
      cadenceDays: 7,
      agreement: {
        rhythm: 'Every week, 45 minutes, video call.',
        confidentiality: 'What we discuss stays between us unless we both agree otherwise.',
        scope: t.paragraph(names),
      },
      matchRules: {
        meetingCodes: [`tnd-hist-0${p}x`],
        eventIds: [],
        urls: [`https://meet.example.org/history-${p}`],
        keywords: ['mentoring', names[1].toLowerCase()],
      },
      archived: false,
      createdAt,
    });

    // Goals start over the years; each session records the progress of those that exist.
    const goals: { goal: Row; startsAt: number; final: number }[] = [];
    for (let g = 0; g < GOALS_PER_PAIR; g += 1) {
      const startsAt = g * 50; // session index
      const status = goalStatuses[g];
      const final = status === 'achieved' ? 100 : 20 + Math.round(random() * 14) * 5;
      const goal = {
        ...synced(t.uuid(), firstAt + startsAt * 7 * DAY),
        pairId,
        title: t.title(names),
        why: t.paragraph(names),
        measure: t.paragraph(names),
        targetDate: g % 2 === 0 ? isoDay(plannedAt + (30 + g * 30) * DAY) : '',
        status,
        progress: final,
        order: g + 1,
      };
      goals.push({ goal, startsAt, final });
      shared.goals.push(goal);
    }

    let previousActions: (Row & { text: string })[] = [];
    for (let s = 0; s < SESSIONS_PER_PAIR; s += 1) {
      const at = firstAt + s * 7 * DAY;
      const planned = s === SESSIONS_PER_PAIR - 1;
      const sessionId = t.uuid();
      const session: Row = {
        ...synced(sessionId, planned ? at - 7 * DAY : at + 3_600_000),
        pairId,
        scheduledAt: isoMinute(at),
        calendarEventId: s % 4 === 0 ? '' : `evt${t.uuid().replaceAll('-', '').slice(0, 20)}`,
        meetingUrl: `https://meet.example.org/history-${p}`,
        status: planned ? 'planned' : 'held',
        createdAt: at - 7 * DAY,
      };
      if (!planned) {
        session.heldAt = at + 45 * 60_000;
        const progress: Record<string, number> = {};
        session.goalProgress = progress;
        for (const { goal, startsAt, final } of goals) {
          if (s < startsAt) continue;
          const share = (s - startsAt + 1) / (heldPerPair - startsAt);
          progress[goal.id] = Math.min(100, Math.round((final * share) / 5) * 5);
        }
      }
      shared.sessions.push(session);

      // Last session's action items are closed in this one (or still open if recent).
      for (const action of previousActions) {
        if (s >= SESSIONS_PER_PAIR - 3) continue;
        action.status = random() < 0.85 ? 'done' : 'dropped';
        action.closedInSessionId = sessionId;
      }

      for (let i = 0; i < AGENDA_PER_SESSION; i += 1) {
        const carriedAction = previousActions[0];
        const carried = i === 0 && previousActions.length > 0 && random() < 0.2;
        shared.agendaItems.push({
          ...synced(t.uuid(), at - 2 * DAY),
          pairId,
          sessionId,
          text: carried ? carriedAction?.text : t.agenda(names),
          addedBy: i % 3 === 0 ? 'mentor' : 'mentee',
          order: i + 1,
          done: !planned,
          carriedFrom: carried ? carriedAction?.id : null,
        });
      }
      if (planned) break;

      previousActions = [];
      for (let i = 0; i < ACTIONS_PER_HELD_SESSION; i += 1) {
        const action: Row & { text: string } = {
          ...synced(t.uuid(), at + 3_600_000),
          pairId,
          sessionId,
          text: t.action(names),
          owner: ['mentee', 'mentor', 'both'][(s + i) % 3],
          due: i === 1 ? '' : isoDay(at + 7 * DAY),
          status: 'open',
          closedInSessionId: null,
          createdAt: at + 60_000 * (30 + i),
        };
        previousActions.push(action);
        shared.actionItems.push(action);
      }

      const heldIndex = p * heldPerPair + s;
      const end = Math.round(((heldIndex + 1) * NOTES) / heldTotal);
      for (let k = 0; noteIndex < end; k += 1, noteIndex += 1) {
        const rare = rareNotes.get(noteIndex);
        const isPrivate = rare ?? random() < PRIVATE_SHARE;
        let extra: string | undefined;
        if (rare !== undefined) {
          extra = `A moment of ${RARE_WORD}: ${names[random() < 0.5 ? 0 : 1]} met the right person by chance.`;
          planted[isPrivate ? 'private' : 'shared'] += 1;
        }
        const note = {
          ...synced(t.uuid(), at + 1_800_000),
          pairId,
          sessionId,
          body: t.note(names, extra),
          visibility: isPrivate ? 'private' : 'shared',
          createdAt: at + 60_000 * (2 + k * 4),
        };
        (isPrivate ? privateNotes : shared.notes).push(note);
      }
    }
  }
  return { shared, private: { notes: privateNotes }, planted };
}

/* ---------- seeding ---------- */

/**
 * Generates, validates and writes the five-year database into `browser` (a fresh profile, as
 * launchWithExtension returns it), makes pair 1 current and checks the panel shows it.
 * Returns what was seeded, the page helpers script and a few ids for later checks.
 */
export async function seedHistoryProfile(
  browser: ExtensionBrowser,
  {
    rootDir,
    tempDir,
    log,
  }: { rootDir: string; tempDir: string; log: (...args: unknown[]) => void },
) {
  const started = performance.now();
  const { sharedTables, sharedVersions, SHARED_DB_NAME } = await loadProjectSchemas(
    rootDir,
    tempDir,
  );
  const { searchEntryFor, privateTables, localTables, privateVersions, PRIVATE_DB_NAME } =
    await loadSearchIndexModule(rootDir, tempDir);
  const helpers = await pageHelpersScript(rootDir);

  const records = historyRecords();
  const indexOf = (tables: Record<string, Row[]>) =>
    Object.entries(tables).flatMap(([table, rows]) =>
      rows.map((row) => searchEntryFor(table, row)).filter((entry) => entry !== null),
    );
  // The app indexes goals, notes, agenda and action items on every write.
  const sharedIndex = indexOf({
    goals: records.shared.goals,
    notes: records.shared.notes,
    agendaItems: records.shared.agendaItems,
    actionItems: records.shared.actionItems,
  });
  const privateIndex = indexOf({ notes: records.private.notes });
  validateSeed({ ...records.shared }, sharedTables);
  validateSeed({ searchIndex: sharedIndex }, localTables);
  validateSeed({ notes: records.private.notes, searchIndex: privateIndex }, privateTables);
  const generatedMs = performance.now() - started;

  // The index rows go in behind the app's back (raw IndexedDB, no Dexie middleware): the last
  // write says so in each search log, as the middleware does for a bulk write (a range), so the
  // search reads the whole index again rather than trust a snapshot an earlier panel saved.
  const rangeWritten = [{ key: '*' }];
  const writes = {
    [SHARED_DB_NAME]: { ...records.shared, searchIndex: sharedIndex, searchLog: rangeWritten },
    [PRIVATE_DB_NAME]: { ...records.private, searchIndex: privateIndex, searchLog: rangeWritten },
  };
  const versions = {
    [SHARED_DB_NAME]: idbVersion(sharedVersions),
    [PRIVATE_DB_NAME]: idbVersion(privateVersions),
  };
  const firstPair = records.shared.pairs[0] as Row & { title: string };
  const summary = {
    pairs: records.shared.pairs.length,
    sessions: records.shared.sessions.length,
    goals: records.shared.goals.length,
    notes: {
      total: records.shared.notes.length + records.private.notes.length,
      shared: records.shared.notes.length,
      private: records.private.notes.length,
      averageChars: Math.round(
        [...records.shared.notes, ...records.private.notes].reduce((n, r) => n + r.body.length, 0) /
          NOTES,
      ),
    },
    agendaItems: records.shared.agendaItems.length,
    actionItems: records.shared.actionItems.length,
    searchIndex: {
      shared: sharedIndex.length,
      private: privateIndex.length,
      words: [...sharedIndex, ...privateIndex].reduce((n, e) => n + e.words.length, 0),
    },
    rareWord: { word: RARE_WORD, notes: records.planted.shared + records.planted.private },
  };
  log(`history seed: ${JSON.stringify(summary)}`);

  const { page, errors } = await openFreshPanel(browser);
  try {
    // Both databases as the project's Dexie declares them (the panel may not have opened the
    // private one yet), then raw IndexedDB connections for the writes.
    await injectHelpers(page, helpers);
    await page.evaluate(
      async ({ versions }) => {
        const g = globalThis as unknown as SeedGlobals;
        const { openSharedDb, openPrivateDb } = g.__tandemBench;
        for (const db of [openSharedDb(), openPrivateDb()]) {
          await db.open();
          db.close();
        }
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const open: Record<string, IDBDatabase> = {};
        g.__benchSeed = open;
        for (const [name, version] of Object.entries(versions)) {
          const db = await request(indexedDB.open(name));
          if (db.version !== version) {
            db.close();
            throw new Error(`IndexedDB '${name}' is at version ${db.version}, expected ${version}`);
          }
          open[name] = db;
        }
      },
      { versions },
    );
    const writeStarted = performance.now();
    for (const [name, tables] of Object.entries(writes)) {
      for (const [table, rows] of Object.entries(tables) as [string, unknown[]][]) {
        const tableStarted = performance.now();
        let inPage = 0;
        for (let from = 0; from < rows.length; from += BATCH) {
          // As JSON text: much cheaper for Playwright to carry than an object graph.
          inPage += await page.evaluate(
            ({ name, table, json }) =>
              new Promise<number>((ok, fail) => {
                const t = performance.now();
                const rows = JSON.parse(json) as unknown[];
                const db = (globalThis as unknown as SeedGlobals).__benchSeed?.[name];
                if (!db) throw new Error(`IndexedDB '${name}' is not open`);
                if (!db.objectStoreNames.contains(table))
                  throw new Error(`IndexedDB '${name}' has no store ${table}`);
                const tx = db.transaction(table, 'readwrite', { durability: 'relaxed' });
                tx.oncomplete = () => ok(performance.now() - t);
                tx.onerror = () => fail(tx.error);
                tx.onabort = () => fail(tx.error ?? new Error(`writing ${table} aborted`));
                const store = tx.objectStore(table);
                for (const row of rows) store.add(row);
              }),
            { name, table, json: JSON.stringify(rows.slice(from, from + BATCH)) },
          );
        }
        log(
          `  ${name}.${table}: ${rows.length} rows in ${Math.round(performance.now() - tableStarted)} ms (${Math.round(inPage)} ms in the page)`,
        );
      }
    }
    const writeMs = performance.now() - writeStarted;
    const counts = await page.evaluate(
      async ({ names, pairId }) => {
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const g = globalThis as unknown as SeedGlobals;
        const counts: Record<string, Record<string, number>> = {};
        for (const [name, tables] of Object.entries(names)) {
          const db = g.__benchSeed?.[name];
          if (!db) throw new Error(`IndexedDB '${name}' is not open`);
          const tx = db.transaction(tables, 'readonly');
          const own: Record<string, number> = {};
          counts[name] = own;
          for (const table of tables) own[table] = await request(tx.objectStore(table).count());
          db.close();
        }
        delete g.__benchSeed;
        await (globalThis as unknown as ExtensionPageGlobals).chrome.storage.local.set({
          currentPairId: pairId,
        });
        return counts;
      },
      {
        names: Object.fromEntries(Object.entries(writes).map(([n, t]) => [n, Object.keys(t)])),
        pairId: firstPair.id,
      },
    );
    for (const [name, tables] of Object.entries(writes)) {
      for (const [table, rows] of Object.entries(tables) as [string, unknown[]][]) {
        const held = counts[name]?.[table];
        // The search log may hold entries of its own from before (the panel's own writes).
        if (table === 'searchLog' ? !(held && held >= rows.length) : held !== rows.length) {
          throw new Error(
            `After seeding, ${name}.${table} holds ${held} records, expected ${rows.length}`,
          );
        }
      }
    }

    const { shown, selected } = await shownPair(page, GOALS_PER_PAIR);
    if (!shown || selected !== firstPair.id) {
      throw new Error(
        `After seeding, the panel does not show the ${GOALS_PER_PAIR} goals of "${firstPair.title}" (${firstPair.id}), it shows pair ${selected}.${await describePage(page, errors)}`,
      );
    }
    const seedMs = Math.round(performance.now() - started);
    log(`history seed written in ${Math.round(writeMs)} ms (${seedMs} ms in all)`);
    return {
      summary: {
        ...summary,
        currentPair: firstPair.title,
        generateMs: Math.round(generatedMs),
        writeMs: Math.round(writeMs),
      },
      helpers,
      sampleNoteIds: records.shared.notes
        .filter((_, i) => i % Math.floor(records.shared.notes.length / 50) === 0)
        .slice(0, 50)
        .map((n) => n.id),
      sharedNotesStore: 'notes',
      sharedDbName: SHARED_DB_NAME,
      privateDbName: PRIVATE_DB_NAME,
    };
  } finally {
    await page.close().catch(() => {});
  }
}
