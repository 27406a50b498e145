// The panel benchmark's seed: a realistic, deterministic database of four pairs, the first
// heavy, generated here in Node, checked against the zod schemas in utils/schema and written
// into the extension's IndexedDB with the raw IndexedDB API.
import {
  describePage,
  type ExtensionBrowser,
  type ExtensionPageGlobals,
  openFreshPanel,
  shownPair,
} from './browser.ts';
import { idbVersion, loadProjectSchemas, validateSeed } from './project.ts';
import { DAY, emailOf, isoDay, isoMinute, prng, type Row, syncFields, uuidFrom } from './seed.ts';

/** What the first (current) pair holds; the other pairs hold LIGHT_PAIR. */
export const HEAVY_PAIR = {
  goals: 12,
  sessions: 60,
  agendaItems: 300,
  actionItems: 200,
  notes: 400,
};
export const LIGHT_PAIR = { goals: 4, sessions: 10, agendaItems: 40, actionItems: 25, notes: 30 };
export const PAIR_COUNT = 4;
const NOTE_LENGTH = 600;

const WORDS = (
  'goal feedback stakeholder roadmap review promotion project team meeting design code ' +
  'architecture presentation confidence delegation priorities career growth skills ' +
  'learning network manager conversation deadline scope estimate risk quality testing ' +
  'mentoring habit reflection energy balance planning writing interview hiring customer ' +
  'product strategy budget migration release incident retrospective onboarding'
).split(' ');
const OPENERS = [
  'We talked about',
  'Priya described',
  'Alex suggested',
  'Next time we want to revisit',
  'The main blocker was',
  'Good progress on',
  'We agreed to focus on',
  'A useful question was how to approach',
];

function makeText(random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentence = () => {
    const words = Array.from({ length: 6 + Math.floor(random() * 10) }, () => pick(WORDS));
    return `${pick(OPENERS)} ${words.join(' ')}.`;
  };
  const phrase = (min: number, max: number) => {
    const words = Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () =>
      pick(WORDS),
    );
    const text = words.join(' ');
    return (text[0] as string).toUpperCase() + text.slice(1);
  };
  const paragraph = (length: number) => {
    let text = '';
    while (text.length < length - 40) text += (text ? ' ' : '') + sentence();
    if (text.length <= length + 40) return text;
    // Cut the last sentence at a word boundary.
    return `${text.slice(0, text.lastIndexOf(' ', length + 40))}.`;
  };
  return { pick, sentence, phrase, paragraph, uuid: () => uuidFrom(random) };
}

export interface PanelSeed {
  pairs: Row[];
  goals: Row[];
  sessions: Row[];
  agendaItems: Row[];
  actionItems: Row[];
  notes: Row[];
}

/**
 * Every record of the seed, by table: PAIR_COUNT pairs, the first with HEAVY_PAIR records (its
 * sessions held, the newest planned), the others lighter. Dates are anchored to `now` (the
 * planned session is a week ahead), everything else comes from a fixed seed.
 */
export function seedRecords({ now = Date.now() } = {}): PanelSeed {
  const random = prng(0x7a4de3);
  const t = makeText(random);
  const tables: PanelSeed = {
    pairs: [],
    goals: [],
    sessions: [],
    agendaItems: [],
    actionItems: [],
    notes: [],
  };
  const synced = syncFields();
  const people = [
    ['Alex Morgan', 'Priya Shah'],
    ['Sam Okafor', 'Lena Vogel'],
    ['Maria Rossi', 'Tom Becker'],
    ['Jun Park', 'Chloé Martin'],
  ] as const;
  const models = ['one-to-one', 'peer', 'reverse', 'group'];

  for (let p = 0; p < PAIR_COUNT; p += 1) {
    const size = p === 0 ? HEAVY_PAIR : LIGHT_PAIR;
    const cadenceDays = p === 0 ? 7 : 14;
    // The planned session is one cadence ahead of now; held ones go back from there.
    const plannedAt = Math.floor(now / DAY) * DAY + cadenceDays * DAY + 16 * 3_600_000;
    const firstAt = plannedAt - (size.sessions - 1) * cadenceDays * DAY;
    const createdAt = firstAt - 3 * DAY;
    const [mentor, mentee] = people[p] as (typeof people)[number];
    const pairId = t.uuid();
    tables.pairs.push({
      ...synced(pairId, createdAt),
      title: `${mentor} & ${mentee}`,
      model: models[p],
      members: [
        { id: t.uuid(), name: mentor, email: emailOf(mentor), role: 'mentor' },
        { id: t.uuid(), name: mentee, email: emailOf(mentee), role: 'mentee' },
      ],
      myRole: p % 2 === 0 ? 'mentor' : 'mentee',
      cadenceDays,
      agreement: {
        rhythm: `Every ${cadenceDays} days, 45 minutes, video call.`,
        confidentiality: 'What we discuss stays between us unless we both agree otherwise.',
        scope: t.paragraph(160),
      },
      matchRules: {
        meetingCodes: [`tnd-bnch-0${p}x`],
        eventIds: [],
        urls: [`https://meet.example.org/tandem-${p}`],
        keywords: ['mentoring', (mentee.split(' ')[0] as string).toLowerCase()],
      },
      archived: false,
      createdAt,
    });

    const statuses = ['active', 'active', 'active', 'achieved', 'paused', 'dropped'];
    for (let g = 0; g < size.goals; g += 1) {
      const status = statuses[g % statuses.length];
      tables.goals.push({
        ...synced(t.uuid(), createdAt + g * 60_000),
        pairId,
        title: t.phrase(3, 8),
        why: t.paragraph(180),
        measure: t.paragraph(120),
        targetDate: g % 3 === 2 ? '' : isoDay(plannedAt + (30 + g * 20) * DAY),
        status,
        progress: status === 'achieved' ? 100 : Math.round(random() * 19) * 5,
        order: g + 1,
      });
    }

    const sessions: { record: Row & { status: string }; at: number }[] = [];
    for (let s = 0; s < size.sessions; s += 1) {
      const at = firstAt + s * cadenceDays * DAY;
      const planned = s === size.sessions - 1;
      const session = {
        ...synced(t.uuid(), planned ? at - cadenceDays * DAY : at),
        pairId,
        scheduledAt: isoMinute(at),
        calendarEventId: s % 4 === 0 ? '' : `evt${t.uuid().replaceAll('-', '').slice(0, 20)}`,
        meetingUrl: `https://meet.example.org/tandem-${p}`,
        status: planned ? 'planned' : 'held',
        createdAt: at - cadenceDays * DAY,
      };
      sessions.push({ record: session, at });
      tables.sessions.push(session);
    }
    // Spread n records over the sessions, oldest first, a few more on recent ones.
    const sessionFor = (i: number, n: number) =>
      sessions[
        Math.min(sessions.length - 1, Math.floor((i * sessions.length) / n))
      ] as (typeof sessions)[number];
    const heldSessionFor = (i: number, n: number) =>
      sessions[
        Math.min(sessions.length - 2, Math.floor((i * (sessions.length - 1)) / n))
      ] as (typeof sessions)[number];

    const actionIds: string[] = [];
    for (let a = 0; a < size.actionItems; a += 1) {
      const { record: session, at } = heldSessionFor(a, size.actionItems);
      const index = sessions.findIndex((s) => s.record === session);
      const recent = index >= sessions.length - 4;
      const status = recent ? 'open' : random() < 0.85 ? 'done' : 'dropped';
      const closedIn = status === 'open' ? null : sessions[index + 1]?.record.id;
      const id = t.uuid();
      actionIds.push(id);
      tables.actionItems.push({
        ...synced(id, at + 3_600_000),
        pairId,
        sessionId: session.id,
        text: t.phrase(4, 14),
        owner: ['mentee', 'mentee', 'mentor', 'both'][a % 4],
        due: a % 5 === 4 ? '' : isoDay(at + cadenceDays * DAY),
        status,
        closedInSessionId: closedIn,
        createdAt: at + 60_000 * (a % 50),
      });
    }

    const perSession = new Map<string, number>();
    for (let i = 0; i < size.agendaItems; i += 1) {
      const { record: session, at } = sessionFor(i, size.agendaItems);
      const order = (perSession.get(session.id) ?? 0) + 1;
      perSession.set(session.id, order);
      tables.agendaItems.push({
        ...synced(t.uuid(), at - 2 * DAY),
        pairId,
        sessionId: session.id,
        text: t.phrase(3, 12),
        addedBy: i % 3 === 0 ? 'mentor' : 'mentee',
        order,
        done: session.status === 'held',
        carriedFrom:
          i % 7 === 0 ? actionIds[Math.floor((i * actionIds.length) / size.agendaItems)] : null,
      });
    }

    for (let n = 0; n < size.notes; n += 1) {
      const { record: session, at } = sessionFor(n, size.notes);
      tables.notes.push({
        ...synced(t.uuid(), at + 1_800_000),
        pairId,
        sessionId: session.id,
        body: t.paragraph(NOTE_LENGTH),
        visibility: 'shared',
        createdAt: at + 60_000 * (n % 45),
      });
    }
  }
  return tables;
}

/** Counts per table, for the report: all pairs, and the first (current) pair alone. */
export function seedSummary(tables: PanelSeed) {
  const firstPairId = (tables.pairs[0] as Row).id;
  const names = Object.keys(tables) as (keyof PanelSeed)[];
  const count = (name: keyof PanelSeed, filter: (r: Row) => boolean = () => true) =>
    tables[name].filter(filter).length;
  return {
    ...(Object.fromEntries(names.map((name) => [name, count(name)])) as Record<
      keyof PanelSeed,
      number
    >),
    currentPair: Object.fromEntries(
      names
        .filter((n) => n !== 'pairs')
        .map((name) => [name, count(name, (r) => r.pairId === firstPairId)]),
    ) as Record<Exclude<keyof PanelSeed, 'pairs'>, number>,
  };
}

/**
 * Fills the shared database with the records of seedRecords() and makes the first pair
 * current; checks, after a reload, that the panel shows that pair's goals.
 */
export async function seedPanelDatabase(
  browser: ExtensionBrowser,
  {
    rootDir,
    tempDir,
    log,
  }: { rootDir: string; tempDir: string; log: (...args: unknown[]) => void },
) {
  const { sharedTables, sharedVersions, SHARED_DB_NAME } = await loadProjectSchemas(
    rootDir,
    tempDir,
  );
  const tables = seedRecords();
  validateSeed({ ...tables }, sharedTables);
  const firstPair = tables.pairs[0] as Row & { title: string };
  const expectedGoals = tables.goals.filter((g) => g.pairId === firstPair.id && !g.deleted).length;

  const { page, errors } = await openFreshPanel(browser);
  try {
    log(`seeding ${JSON.stringify(seedSummary(tables))}…`);
    const counts = await page.evaluate(
      async ({ name, version, tables, pairId }) => {
        const request = <T>(r: IDBRequest<T>) =>
          new Promise<T>((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        const databases = await indexedDB.databases();
        if (!databases.some((d) => d.name === name))
          throw new Error(`IndexedDB '${name}' does not exist`);
        // No version: open what the panel created, without a versionchange.
        const db = await request(indexedDB.open(name));
        try {
          if (db.version !== version)
            throw new Error(`IndexedDB '${name}' is at version ${db.version}, expected ${version}`);
          const names = Object.keys(tables);
          const missing = names.filter((n) => !db.objectStoreNames.contains(n));
          if (missing.length)
            throw new Error(`IndexedDB '${name}' has no store ${missing.join(', ')}`);
          const tx = db.transaction(names, 'readwrite');
          const done = new Promise((ok, fail) => {
            tx.oncomplete = ok;
            tx.onerror = () => fail(tx.error);
            tx.onabort = () => fail(tx.error ?? new Error('seed transaction aborted'));
          });
          for (const n of names)
            for (const record of tables[n] ?? []) tx.objectStore(n).put(record);
          await done;
          const read = db.transaction(names, 'readonly');
          const counts: Record<string, number> = {};
          for (const n of names) counts[n] = await request(read.objectStore(n).count());
          await (globalThis as unknown as ExtensionPageGlobals).chrome.storage.local.set({
            currentPairId: pairId,
          });
          return counts;
        } finally {
          db.close();
        }
      },
      {
        name: SHARED_DB_NAME,
        version: idbVersion(sharedVersions),
        tables: tables as unknown as Record<string, Row[]>,
        pairId: firstPair.id,
      },
    );
    for (const [name, records] of Object.entries(tables)) {
      if (counts[name] !== records.length) {
        throw new Error(
          `After seeding, ${name} holds ${counts[name]} records, expected ${records.length}`,
        );
      }
    }

    // The panel must now show the first pair and its goals.
    const { shown, selected, goalCount } = await shownPair(page, expectedGoals);
    if (!shown || selected !== firstPair.id) {
      throw new Error(
        `After seeding, the panel shows ${goalCount} goals of pair ${selected}, expected ${expectedGoals} goals of "${firstPair.title}" (${firstPair.id}).${await describePage(page, errors)}`,
      );
    }
    log(`panel shows "${firstPair.title}" with ${goalCount} goals`);
    return {
      ...seedSummary(tables),
      currentPair: { title: firstPair.title, ...seedSummary(tables).currentPair },
    };
  } finally {
    await page.close().catch(() => {});
  }
}
