// The benchmark's seed data: a realistic, deterministic database for `npm run bench`
// (scripts/bench.mjs), and a check that every record fits the zod schemas in utils/schema.
//
// Records are generated here in Node, validated against the real schemas (utils/schema/tables.ts
// bundled on the fly with esbuild, which Vite already brings), then written by bench.mjs into the
// extension's IndexedDB with the raw IndexedDB API.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
export const DEVICE_ID = 'bench';
const NOTE_LENGTH = 600;
const DAY = 86_400_000;

/** Small seeded PRNG (mulberry32): the same data on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

function makeText(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = () => {
    const words = Array.from({ length: 6 + Math.floor(random() * 10) }, () => pick(WORDS));
    return `${pick(OPENERS)} ${words.join(' ')}.`;
  };
  const phrase = (min, max) => {
    const words = Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () =>
      pick(WORDS),
    );
    const text = words.join(' ');
    return text[0].toUpperCase() + text.slice(1);
  };
  const paragraph = (length) => {
    let text = '';
    while (text.length < length - 40) text += (text ? ' ' : '') + sentence();
    if (text.length <= length + 40) return text;
    // Cut the last sentence at a word boundary.
    return `${text.slice(0, text.lastIndexOf(' ', length + 40))}.`;
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(random() * 4)];
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { pick, sentence, phrase, paragraph, uuid };
}

/** A hybrid logical clock stamp as utils/data/hlc.ts formats it (wall ms base 36, counter, device). */
function hlcStamp(wall, counter = 0) {
  return `${wall.toString(36).padStart(11, '0')}-${counter.toString(36).padStart(5, '0')}-${DEVICE_ID}`;
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

/**
 * Every record of the seed, by table: PAIR_COUNT pairs, the first with HEAVY_PAIR records (its
 * sessions held, the newest planned), the others lighter. Dates are anchored to `now` (the
 * planned session is a week ahead), everything else comes from a fixed seed.
 */
export function seedRecords({ now = Date.now() } = {}) {
  const random = prng(0x7a4de3);
  const t = makeText(random);
  const tables = {
    pairs: [],
    goals: [],
    sessions: [],
    agendaItems: [],
    actionItems: [],
    notes: [],
  };
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
  ];
  const models = ['one-to-one', 'peer', 'reverse', 'group'];

  for (let p = 0; p < PAIR_COUNT; p += 1) {
    const size = p === 0 ? HEAVY_PAIR : LIGHT_PAIR;
    const cadenceDays = p === 0 ? 7 : 14;
    // The planned session is one cadence ahead of now; held ones go back from there.
    const plannedAt = Math.floor(now / DAY) * DAY + cadenceDays * DAY + 16 * 3_600_000;
    const firstAt = plannedAt - (size.sessions - 1) * cadenceDays * DAY;
    const createdAt = firstAt - 3 * DAY;
    const [mentor, mentee] = people[p];
    const email = (name) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`;
    const pairId = t.uuid();
    tables.pairs.push({
      ...synced(pairId, createdAt),
      title: `${mentor} & ${mentee}`,
      model: models[p],
      members: [
        { id: t.uuid(), name: mentor, email: email(mentor), role: 'mentor' },
        { id: t.uuid(), name: mentee, email: email(mentee), role: 'mentee' },
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
        keywords: ['mentoring', mentee.split(' ')[0].toLowerCase()],
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

    const sessions = [];
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
    const sessionFor = (i, n) =>
      sessions[Math.min(sessions.length - 1, Math.floor((i * sessions.length) / n))];
    const heldSessionFor = (i, n) =>
      sessions[Math.min(sessions.length - 2, Math.floor((i * (sessions.length - 1)) / n))];

    const actionIds = [];
    for (let a = 0; a < size.actionItems; a += 1) {
      const { record: session, at } = heldSessionFor(a, size.actionItems);
      const index = sessions.findIndex((s) => s.record === session);
      const recent = index >= sessions.length - 4;
      const status = recent ? 'open' : random() < 0.85 ? 'done' : 'dropped';
      const closedIn = status === 'open' ? null : sessions[index + 1].record.id;
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

    const perSession = new Map();
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
export function seedSummary(tables) {
  const firstPairId = tables.pairs[0].id;
  const count = (name, filter = () => true) => tables[name].filter(filter).length;
  const names = Object.keys(tables);
  return {
    ...Object.fromEntries(names.map((name) => [name, count(name)])),
    currentPair: Object.fromEntries(
      names
        .filter((n) => n !== 'pairs')
        .map((name) => [name, count(name, (r) => r.pairId === firstPairId)]),
    ),
  };
}

/**
 * Exports of the project's TypeScript, bundled for Node with esbuild into a temporary module:
 * `exports` are lines such as "export { sharedTables } from './utils/schema/tables.ts';".
 */
export async function importProjectModule(rootDir, tempDir, exports, name) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error(
      `esbuild (installed with Vite) is needed to read the project's code: ${error.message}`,
    );
  }
  const result = await esbuild.build({
    stdin: { contents: exports.join('\n'), resolveDir: rootDir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const file = join(tempDir, `${name}.mjs`);
  writeFileSync(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * The project's own schema and database declarations: { sharedTables, sharedVersions,
 * SHARED_DB_NAME }.
 */
export function loadProjectSchemas(rootDir, tempDir) {
  return importProjectModule(
    rootDir,
    tempDir,
    [
      "export { sharedTables } from './utils/schema/tables.ts';",
      "export { sharedVersions, SHARED_DB_NAME } from './utils/data/db.ts';",
    ],
    'project-schemas',
  );
}

/** Throws, listing the first problems, when any record does not fit its table's schema. */
export function validateSeed(tables, sharedTables) {
  const problems = [];
  for (const [name, records] of Object.entries(tables)) {
    const spec = sharedTables[name];
    if (!spec) {
      problems.push(`${name}: no such table in utils/schema/tables.ts`);
      continue;
    }
    records.forEach((record, i) => {
      const result = spec.schema.safeParse(record);
      if (!result.success) {
        const issues = result.error.issues
          .map((issue) => `${issue.path.map(String).join('.') || '(record)'}: ${issue.message}`)
          .join('; ');
        problems.push(`${name}[${i}] (${record.id}): ${issues}`);
      }
    });
  }
  if (problems.length > 0) {
    throw new Error(
      `Seed records do not fit utils/schema (${problems.length} problems):\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
  }
}
