// The history and search benchmark of `npm run bench` (scripts/bench.mjs): five years of weekly
// sessions for five pairs (issue 5: "about 1,300 sessions, 10,000 notes"), written with raw
// IndexedDB into a fresh profile, then
//   - the time from a click on the History tab to the pair's history on screen (the
//     `tandem:history-shown` mark of components/history.tsx);
//   - the search latency per keystroke, typing queries one key at a time: from the input event
//     to the results in the DOM and to the frame that paints them (the `tandem:search-commit`
//     and `tandem:search` measures of components/search.tsx), against the same keystrokes into
//     a plain input (the floor); and the search (utils/search/search.ts) timed alone in the same page
//     to tell loading the index, matching and loading the shown texts apart.
//
// Records are generated in Node from a fixed seed, validated against the zod schemas, and the
// search index rows are computed with the project's own searchEntryFor (utils/search/search-index.ts,
// bundled with esbuild as bench-seed.mjs does for the schemas).

import { describePage, watchErrors } from './bench-page.mjs';
import {
  DEVICE_ID,
  importProjectModule,
  loadProjectSchemas,
  prng,
  validateSeed,
} from './bench-seed.mjs';

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
export const QUERIES = [RARE_WORD, 'feedback', 'launch plan'];
export const HISTORY_MARK = 'tandem:history-shown';
export const SEARCH_MEASURE = 'tandem:search';
const GOALS_MARK = 'tandem:goals-shown';
const SEARCH_LABEL = 'Search notes, agendas, action items and reflections of all pairs';
const DAY = 86_400_000;
const TIMEOUT = 30_000;
/** The hits the panel reads and paints first (components/search.tsx FIRST_HITS). */
const FIRST_HITS = 12;
/** Rounds of the search alone per prefix (after one warm-up round); the median is kept. */
const ALONE_ROUNDS = 3;

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

function zipfPicker(list, random, s = 0.9) {
  const cumulative = [];
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
      if (cumulative[mid] < x) low = mid + 1;
      else high = mid;
    }
    return list[low];
  };
}

function textMaker(random) {
  const noun = zipfPicker(NOUNS, random);
  const verb = zipfPicker(VERBS, random);
  const adjective = zipfPicker(ADJECTIVES, random);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const fill = (template, people) =>
    template.replace(/\{([NVAPW])\}/g, (_, slot) =>
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
  const capital = (text) => text[0].toUpperCase() + text.slice(1);
  return {
    /** A note of 200 to 800 characters, whole sentences. */
    note(people, extra) {
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
    agenda: (people) => capital(fill(pick(AGENDA_TEMPLATES), people)),
    action: (people) => capital(fill(pick(ACTION_TEMPLATES), people)),
    title: (people) => capital(fill('{V} the {A} {N}', people)),
    paragraph: (people) => capital(fill(pick(NOTE_SENTENCES), people)),
    uuid() {
      const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
      hex[12] = '4';
      hex[16] = '89ab'[Math.floor(random() * 4)];
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

const pad = (n) => String(n).padStart(2, '0');
const isoDay = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const isoMinute = (ms) => {
  const d = new Date(ms);
  return `${isoDay(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const hlcStamp = (wall, counter = 0) =>
  `${wall.toString(36).padStart(11, '0')}-${counter.toString(36).padStart(5, '0')}-${DEVICE_ID}`;

/* ---------- records ---------- */

/**
 * Five years of weekly sessions for PAIRS pairs: { shared: {table: records}, private: {notes},
 * planted: {shared, private} } (how many notes hold RARE_WORD). The search index rows are
 * added by historySeed() with the project's searchEntryFor.
 */
export function historyRecords({ now = Date.now() } = {}) {
  const random = prng(0x5eed05);
  const t = textMaker(random);
  const shared = {
    pairs: [],
    goals: [],
    sessions: [],
    agendaItems: [],
    actionItems: [],
    notes: [],
  };
  const privateNotes = [];
  let counter = 0;
  const synced = (id, wall) => ({
    id,
    updatedAt: hlcStamp(wall, counter++ % 1000),
    deleted: false,
    deviceId: DEVICE_ID,
  });
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
  const rareNotes = new Map();
  while (rareNotes.size < RARE_SHARED + RARE_PRIVATE)
    rareNotes.set(Math.floor(random() * NOTES), rareNotes.size < RARE_PRIVATE);
  let noteIndex = 0;
  const planted = { shared: 0, private: 0 };

  for (let p = 0; p < PAIRS; p += 1) {
    const [mentor, mentee] = people[p];
    const names = [mentor.split(' ')[0], mentee.split(' ')[0]];
    const firstAt = plannedAt - heldPerPair * 7 * DAY;
    const createdAt = firstAt - 3 * DAY;
    const pairId = t.uuid();
    const email = (name) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
    shared.pairs.push({
      ...synced(pairId, createdAt),
      title: `${mentor} & ${mentee}`,
      model: models[p],
      members: [
        { id: t.uuid(), name: mentor, email: email(mentor), role: 'mentor' },
        { id: t.uuid(), name: mentee, email: email(mentee), role: 'mentee' },
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
    const goals = [];
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

    let previousActions = [];
    for (let s = 0; s < SESSIONS_PER_PAIR; s += 1) {
      const at = firstAt + s * 7 * DAY;
      const planned = s === SESSIONS_PER_PAIR - 1;
      const sessionId = t.uuid();
      const session = {
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
        session.goalProgress = {};
        for (const { goal, startsAt, final } of goals) {
          if (s < startsAt) continue;
          const share = (s - startsAt + 1) / (heldPerPair - startsAt);
          session.goalProgress[goal.id] = Math.min(100, Math.round((final * share) / 5) * 5);
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
        const carried = i === 0 && previousActions.length > 0 && random() < 0.2;
        shared.agendaItems.push({
          ...synced(t.uuid(), at - 2 * DAY),
          pairId,
          sessionId,
          text: carried ? previousActions[0].text : t.agenda(names),
          addedBy: i % 3 === 0 ? 'mentor' : 'mentee',
          order: i + 1,
          done: !planned,
          carriedFrom: carried ? previousActions[0].id : null,
        });
      }
      if (planned) break;

      previousActions = [];
      for (let i = 0; i < ACTIONS_PER_HELD_SESSION; i += 1) {
        const action = {
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
        let extra;
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

/* ---------- project code ---------- */

/** searchEntryFor and the private/local table specs, bundled for Node from the project's TS. */
function loadSearchIndexModule(rootDir, tempDir) {
  return importProjectModule(
    rootDir,
    tempDir,
    [
      "export { searchEntryFor } from './utils/search/search-index.ts';",
      "export { privateTables, localTables } from './utils/schema/tables.ts';",
      "export { privateVersions, PRIVATE_DB_NAME } from './utils/data/db.ts';",
    ],
    'project-search-index',
  );
}

/**
 * The project's db.ts and search.ts bundled for the page (an IIFE setting
 * globalThis.__tandemBench): its own Dexie connections, so the search can be timed alone.
 */
async function pageHelpersScript(rootDir) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: {
      contents: [
        "import { openSharedDb, openPrivateDb } from './utils/data/db.ts';",
        "import { LiveSearch, parseQuery } from './utils/search/search.ts';",
        'globalThis.__tandemBench = { openSharedDb, openPrivateDb, LiveSearch, parseQuery };',
      ].join('\n'),
      resolveDir: rootDir,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Loads the helpers into an extension page (page.evaluate ignores the page's CSP). */
async function injectHelpers(page, script) {
  await page.evaluate(script);
  const ok = await page.evaluate(() => typeof globalThis.__tandemBench?.LiveSearch === 'function');
  if (!ok) throw new Error('The bundled search helpers did not load in the page');
}

/* ---------- seeding ---------- */

/**
 * Generates, validates and writes the five-year database into `browser` (a fresh profile, as
 * bench.mjs launchBrowser returns it), makes pair 1 current and checks the panel shows it.
 * Returns what was seeded, the page helpers script and a few ids for later checks.
 */
export async function seedHistoryProfile(browser, { rootDir, tempDir, log }) {
  const started = performance.now();
  const { sharedTables, sharedVersions, SHARED_DB_NAME } = await loadProjectSchemas(
    rootDir,
    tempDir,
  );
  const { searchEntryFor, privateTables, localTables, privateVersions, PRIVATE_DB_NAME } =
    await loadSearchIndexModule(rootDir, tempDir);
  const helpers = await pageHelpersScript(rootDir);

  const records = historyRecords();
  const indexOf = (tables) =>
    Object.entries(tables).flatMap(([table, rows]) =>
      rows.map((row) => searchEntryFor(table, row)).filter(Boolean),
    );
  // The app indexes goals, notes, agenda and action items on every write (utils/data/records.ts).
  const sharedIndex = indexOf({
    goals: records.shared.goals,
    notes: records.shared.notes,
    agendaItems: records.shared.agendaItems,
    actionItems: records.shared.actionItems,
  });
  const privateIndex = indexOf({ notes: records.private.notes });
  validateSeed(records.shared, sharedTables);
  validateSeed({ searchIndex: sharedIndex }, localTables);
  validateSeed({ notes: records.private.notes, searchIndex: privateIndex }, privateTables);
  const generatedMs = performance.now() - started;

  const writes = {
    [SHARED_DB_NAME]: { ...records.shared, searchIndex: sharedIndex },
    [PRIVATE_DB_NAME]: { ...records.private, searchIndex: privateIndex },
  };
  const versions = {
    [SHARED_DB_NAME]: Math.max(...sharedVersions.map((v) => v.version)) * 10,
    [PRIVATE_DB_NAME]: Math.max(...privateVersions.map((v) => v.version)) * 10,
  };
  const firstPair = records.shared.pairs[0];
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

  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(browser.url('sidepanel.html'));
    try {
      await page.getByRole('heading', { name: 'New mentoring pair' }).waitFor({ timeout: TIMEOUT });
    } catch {
      throw new Error(
        `The panel never showed "New mentoring pair" on a fresh profile.${await describePage(page, errors)}`,
      );
    }
    // Both databases as the project's Dexie declares them (the panel may not have opened the
    // private one yet), then raw IndexedDB connections for the writes.
    await injectHelpers(page, helpers);
    await page.evaluate(
      async ({ versions }) => {
        const { openSharedDb, openPrivateDb } = globalThis.__tandemBench;
        for (const db of [openSharedDb(), openPrivateDb()]) {
          await db.open();
          db.close();
        }
        const request = (r) =>
          new Promise((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        globalThis.__benchSeed = {};
        for (const [name, version] of Object.entries(versions)) {
          const db = await request(indexedDB.open(name));
          if (db.version !== version) {
            db.close();
            throw new Error(`IndexedDB '${name}' is at version ${db.version}, expected ${version}`);
          }
          globalThis.__benchSeed[name] = db;
        }
      },
      { versions },
    );
    const writeStarted = performance.now();
    for (const [name, tables] of Object.entries(writes)) {
      for (const [table, rows] of Object.entries(tables)) {
        const tableStarted = performance.now();
        let inPage = 0;
        for (let from = 0; from < rows.length; from += BATCH) {
          // As JSON text: much cheaper for Playwright to carry than an object graph.
          inPage += await page.evaluate(
            ({ name, table, json }) =>
              new Promise((ok, fail) => {
                const t = performance.now();
                const rows = JSON.parse(json);
                const db = globalThis.__benchSeed[name];
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
        const request = (r) =>
          new Promise((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const counts = {};
        for (const [name, tables] of Object.entries(names)) {
          const db = globalThis.__benchSeed[name];
          const tx = db.transaction(tables, 'readonly');
          counts[name] = {};
          for (const table of tables)
            counts[name][table] = await request(tx.objectStore(table).count());
          db.close();
        }
        delete globalThis.__benchSeed;
        await chrome.storage.local.set({ currentPairId: pairId });
        return counts;
      },
      {
        names: Object.fromEntries(Object.entries(writes).map(([n, t]) => [n, Object.keys(t)])),
        pairId: firstPair.id,
      },
    );
    for (const [name, tables] of Object.entries(writes)) {
      for (const [table, rows] of Object.entries(tables)) {
        if (counts[name][table] !== rows.length) {
          throw new Error(
            `After seeding, ${name}.${table} holds ${counts[name][table]} records, expected ${rows.length}`,
          );
        }
      }
    }

    await page.reload();
    const shown = await page
      .waitForFunction(
        (count) => document.querySelectorAll('[data-testid="goal"]').length === count,
        GOALS_PER_PAIR,
        { timeout: TIMEOUT },
      )
      .then(
        () => true,
        () => false,
      );
    const selected = await page.evaluate(
      () => document.querySelector('select[name="pair"]')?.value ?? null,
    );
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
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/* ---------- history ---------- */

async function openPanel(browser) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(browser.url('sidepanel.html'), { waitUntil: 'commit' });
  try {
    await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      GOALS_MARK,
      {
        timeout: TIMEOUT,
        polling: 'raf',
      },
    );
  } catch {
    const why = await describePage(page, errors);
    await page.close().catch(() => {});
    throw new Error(`The panel never set the '${GOALS_MARK}' mark.${why}`);
  }
  return { page, errors };
}

/**
 * Milliseconds from a click on the History tab (dispatched in the page, t0 taken just before)
 * to the `tandem:history-shown` mark; checks the first page of sessions and the charts.
 */
export async function timeHistory(browser) {
  const { page, errors } = await openPanel(browser);
  try {
    const t0 = await page.evaluate(() => {
      const tab = [...document.querySelectorAll('[role="tab"]')].find(
        (b) => b.textContent?.trim() === 'History',
      );
      if (!tab) throw new Error('No History tab');
      const t0 = performance.now();
      tab.click();
      return t0;
    });
    try {
      await page.waitForFunction(
        (mark) => performance.getEntriesByName(mark).length > 0,
        HISTORY_MARK,
        {
          timeout: TIMEOUT,
          polling: 'raf',
        },
      );
    } catch {
      throw new Error(
        `The History tab never set the '${HISTORY_MARK}' mark.${await describePage(page, errors)}`,
      );
    }
    const shown = await page.evaluate((mark) => {
      return {
        at: performance.getEntriesByName(mark)[0].startTime,
        sessions: document.querySelectorAll('[data-testid="history-session"]').length,
        charts: document.querySelectorAll('[data-testid="progress-chart"]').length,
        notes: document.querySelectorAll('[data-testid="history-session"] .history-note').length,
      };
    }, HISTORY_MARK);
    if (shown.sessions !== 10 || shown.charts !== GOALS_PER_PAIR || shown.notes === 0) {
      throw new Error(
        `The history shows ${shown.sessions} sessions, ${shown.charts} progress charts and ${shown.notes} notes, expected 10 sessions, ${GOALS_PER_PAIR} charts and their notes.${await describePage(page, errors)}`,
      );
    }
    return { ms: shown.at - t0, notes: shown.notes };
  } finally {
    await page.close().catch(() => {});
  }
}

/* ---------- search ---------- */

export const SEARCH_COMMIT_MEASURE = 'tandem:search-commit';

/**
 * Types each query one key at a time into the panel's search box. Per keystroke, from the
 * input event (its timeStamp, taken by a capturing listener) to the results in the DOM (the
 * `tandem:search-commit` measure's end) and to the frame that paints them (the
 * `tandem:search` measure's end, in a requestAnimationFrame callback after the commit).
 * Baselines in the same page: the same keystrokes into a plain input that does nothing (input
 * event to next frame: the floor any keystroke pays) and a raw IndexedDB get by primary key.
 * Then the search alone (utils/search/search.ts LiveSearch on its own connections): loading the
 * index, and per prefix the matching in memory and the loading of the shown records' texts.
 */
export async function measureSearch(
  browser,
  { helpers, sampleNoteIds, sharedDbName, rareNotes, log },
) {
  const { page, errors } = await openPanel(browser);
  try {
    await page.evaluate(() => {
      globalThis.__lastInput = 0;
      document.addEventListener(
        'input',
        (e) => {
          globalThis.__lastInput = e.timeStamp;
        },
        true,
      );
    });
    const input = page.getByRole('searchbox', { name: SEARCH_LABEL });
    await input.waitFor({ timeout: TIMEOUT });
    const measures = () =>
      page.evaluate((name) => performance.getEntriesByName(name).length, SEARCH_MEASURE);
    const keystrokes = [];
    const queries = [];
    for (const [q, query] of QUERIES.entries()) {
      const first = keystrokes.length;
      await input.fill('');
      await page.waitForFunction(() => !document.querySelector('[data-testid="search-results"]'));
      await input.focus();
      // The first query starts right after the box gets focus, as a user would (the index
      // loads from the focus on); later ones after a pause.
      if (q > 0) await page.waitForTimeout(300);
      for (let i = 0; i < query.length; i += 1) {
        const before = await measures();
        await page.keyboard.type(query[i]);
        try {
          await page.waitForFunction(
            ({ name, before }) => performance.getEntriesByName(name).length > before,
            { name: SEARCH_MEASURE, before },
            { timeout: TIMEOUT, polling: 20 },
          );
        } catch {
          throw new Error(
            `No '${SEARCH_MEASURE}' measure after typing ${JSON.stringify(query.slice(0, i + 1))}.${await describePage(page, errors)}`,
          );
        }
        const entry = await page.evaluate(
          ({ frame, commit }) => {
            const f = performance.getEntriesByName(frame).at(-1);
            const c = performance.getEntriesByName(commit).at(-1);
            return {
              effectToFrame: f.duration,
              frameEnd: f.startTime + f.duration,
              commitEnd: c.startTime + c.duration,
              searchStart: c.startTime,
              input: globalThis.__lastInput,
            };
          },
          { frame: SEARCH_MEASURE, commit: SEARCH_COMMIT_MEASURE },
        );
        keystrokes.push({
          query: query.slice(0, i + 1),
          first: q === 0 && i === 0,
          inputToFrameMs: entry.frameEnd - entry.input,
          inputToDomMs: entry.commitEnd - entry.input,
          inputToSearchStartMs: entry.searchStart - entry.input,
          effectToFrameMs: entry.effectToFrame,
        });
        await page.waitForTimeout(40); // a fast typist: the previous search is long done
      }
      // The rest of the hits follow the first frame.
      await page.waitForTimeout(100);
      const found = await page.evaluate(() => ({
        hits: document.querySelectorAll('[data-testid="search-hit"]').length,
        private: [...document.querySelectorAll('[data-testid="search-hit"] .badge')].filter((b) =>
          b.textContent?.includes('private'),
        ).length,
        status:
          document.querySelector('[data-testid="search-results"] [role="status"]')?.textContent ??
          '',
      }));
      const typed = keystrokes.slice(first);
      queries.push({
        query,
        keystrokes: query.length,
        results: found.hits,
        privateResults: found.private,
        status: found.status,
      });
      log(
        `search ${JSON.stringify(query)}: ${found.status} (input to frame ${typed.map((k) => Math.round(k.inputToFrameMs)).join(', ')} ms)`,
      );
    }
    const rare = queries.find((q) => q.query === RARE_WORD);
    if (!(rare.results > 0) || rare.results !== rareNotes) {
      throw new Error(
        `Searching "${RARE_WORD}" found ${rare.results} records, expected the ${rareNotes} notes it was planted in.${await describePage(page, errors)}`,
      );
    }

    // Baseline: the same keystrokes into a plain input that does nothing, input event to the
    // next frame, in this page.
    await page.evaluate(() => {
      const plain = document.createElement('input');
      plain.id = 'bench-plain';
      plain.setAttribute('aria-label', 'bench plain input');
      document.body.prepend(plain);
    });
    const plain = page.locator('#bench-plain');
    await plain.focus();
    const plainFrameMs = [];
    for (const query of QUERIES) {
      for (const char of query) {
        await page.evaluate(() => {
          globalThis.__plainFrame = new Promise((ok) =>
            document.addEventListener(
              'input',
              (e) => requestAnimationFrame(() => ok(performance.now() - e.timeStamp)),
              { once: true },
            ),
          );
        });
        await page.keyboard.type(char);
        plainFrameMs.push(await page.evaluate(() => globalThis.__plainFrame));
        await page.waitForTimeout(40);
      }
    }
    await page.evaluate(() => document.getElementById('bench-plain')?.remove());

    // Baseline: one IndexedDB get by primary key, raw, in this page.
    const idbGetMs = await page.evaluate(
      async ({ name, ids }) => {
        const request = (r) =>
          new Promise((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const db = await request(indexedDB.open(name));
        try {
          const times = [];
          for (let round = 0; round < 2; round += 1) {
            for (const id of ids) {
              const t = performance.now();
              const record = await request(
                db.transaction('notes', 'readonly').objectStore('notes').get(id),
              );
              const dt = performance.now() - t;
              if (!record) throw new Error(`note ${id} not found`);
              if (round === 1) times.push(dt); // the first round warms up
            }
          }
          return times;
        } finally {
          db.close();
        }
      },
      { name: sharedDbName, ids: sampleNoteIds },
    );

    // The search alone, the project's code on its own Dexie connections: per round a fresh
    // LiveSearch (its index loaded, timed), then the prefixes in typing order, each split into
    // find (matching and ranking in memory) and group (the texts of the first hits the panel
    // paints: from its cache or read with one bulkGet per table, as in the panel).
    await injectHelpers(page, helpers);
    const prefixes = keystrokes.map((k) => k.query);
    const alone = await page.evaluate(
      async ({ prefixes, rounds, firstHits }) => {
        const b = globalThis.__tandemBench;
        const dbs = { db: b.openSharedDb(), privateDb: b.openPrivateDb() };
        const rows = prefixes.map((query) => ({ query, matchMs: [], textMs: [] }));
        const loadMs = [];
        const longestTaskMs = [];
        const heldMs = [];
        let indexed;
        for (let round = 0; round <= rounds; round += 1) {
          const keep = round > 0; // round 0 warms up
          const search = new b.LiveSearch(dbs);
          // How long the page is held while the index loads: a message loop (not clamped like
          // timers) notes every gap between its turns.
          const channel = new MessageChannel();
          let loading = true;
          let last = performance.now();
          const gaps = [];
          channel.port1.onmessage = () => {
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            if (loading) channel.port2.postMessage(0);
          };
          channel.port2.postMessage(0);
          let t = performance.now();
          await search.ready();
          loading = false;
          channel.port1.close();
          if (keep) {
            loadMs.push(performance.now() - t);
            longestTaskMs.push(Math.max(...gaps));
            // Time in gaps over 5 ms: the page busy with the load rather than free.
            heldMs.push(gaps.filter((g) => g > 5).reduce((n, g) => n + g, 0));
          }
          indexed = search.stats;
          for (const row of rows) {
            t = performance.now();
            const found = await search.find(row.query, firstHits);
            const matchMs = performance.now() - t;
            t = performance.now();
            const groups = await search.group(found.best, b.parseQuery(row.query).words);
            const textMs = performance.now() - t;
            if (!keep) continue;
            row.matchMs.push(matchMs);
            row.textMs.push(textMs);
            row.matched = found.total;
            row.hits = groups.reduce(
              (n, g) => n + g.sessions.reduce((m, s) => m + s.hits.length, 0),
              0,
            );
          }
          search.dispose();
        }
        dbs.db.close();
        dbs.privateDb.close();
        return { rows, loadMs, longestTaskMs, heldMs, indexed };
      },
      { prefixes, rounds: ALONE_ROUNDS, firstHits: FIRST_HITS },
    );
    const median = (values) => {
      const sorted = [...values].sort((x, y) => x - y);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    // Per prefix, the median of the rounds.
    const rows = alone.rows.map((row) => ({
      ...row,
      matchMs: median(row.matchMs),
      textMs: median(row.textMs),
    }));
    return {
      keystrokes,
      queries,
      plainFrameMs,
      idbGetMs,
      alone: rows,
      indexLoadMs: alone.loadMs,
      indexLoadLongestTaskMs: alone.longestTaskMs,
      indexLoadHeldMs: alone.heldMs,
      indexed: alone.indexed,
    };
  } finally {
    await page.close().catch(() => {});
  }
}
