import type Database from 'better-sqlite3';
import type pg from 'pg';
import { inTransaction } from './pg-transaction';

/**
 * Mentoring programmes (docs/sidecar.md, "Programmes"): their definitions, the pairs' enrolments
 * (a public key and its hash, nothing that leads to a sync space, device or person) and the
 * monthly reports of counts. Tables beside the sync log, in both stores.
 *
 * Nothing here hands a report back: the only read of reports is `programmeFigures`, which
 * aggregates in SQL and drops, in the query itself, every group of fewer pairs than the
 * programme's minimum.
 */

export interface StoredProgramme {
  id: string;
  /** The programme's definition (protocol/src/programme.ts programmeDefinition), as JSON. */
  definition: string;
  /** SHA-256 (hex) of the enrolment secret; the secret itself is never stored. */
  secretHash: string;
}

export interface StoredEnrolment {
  publicKey: string;
  withdrawnAt: Date | null;
}

/** The counts of one report, as stored (no nonce, no signature, nothing else). */
export interface ReportCounts {
  sessionsHeld: number;
  rhythmKept: boolean;
  milestones: Record<string, boolean>;
  goals: { active: number; achieved: number; paused: number; dropped: number };
  actionItems: { done: number; open: number };
  usefulness: readonly [number, number, number, number, number];
  rolesUsed: { advisor: number; challenger: number; connector: number; supporter: number };
}

/** A figure is a number, or null when fewer pairs than the minimum stand behind it. */
type Figure = number | null;
export interface ProgrammeFigures {
  enrolled: Figure;
  active: Figure;
  months: { period: string; sessions: Figure; rhythmKept: Figure }[];
  milestones: Record<string, Figure>;
  goals: { active: Figure; achieved: Figure; paused: Figure; dropped: Figure };
  actionItems: { done: Figure; open: Figure };
  usefulness: [Figure, Figure, Figure, Figure, Figure];
  rolesUsed: { advisor: Figure; challenger: Figure; connector: Figure; supporter: Figure };
}

export interface ProgrammeStore {
  createProgramme(programme: StoredProgramme, at: Date): Promise<void>;
  listProgrammes(): Promise<StoredProgramme[]>;
  programmeById(id: string): Promise<StoredProgramme | undefined>;
  /** 'enrolled' (new), 'exists' (this key is enrolled already) or 'withdrawn' (it left). */
  enrol(
    programmeId: string,
    enrolmentId: string,
    publicKey: string,
    at: Date,
  ): Promise<'enrolled' | 'exists' | 'withdrawn'>;
  enrolmentOf(programmeId: string, enrolmentId: string): Promise<StoredEnrolment | undefined>;
  /** Marks the enrolment withdrawn (once; later calls keep the first time). */
  withdraw(programmeId: string, enrolmentId: string, at: Date): Promise<void>;
  /** 'stored', or 'duplicate' (and nothing written) when this pair sent this month already. */
  addReport(
    programmeId: string,
    enrolmentId: string,
    period: string,
    counts: ReportCounts,
    at: Date,
  ): Promise<'stored' | 'duplicate'>;
  /** The dashboard's figures for the months from..to (YYYY-MM, inclusive). */
  programmeFigures(
    programmeId: string,
    from: string,
    to: string,
    minGroupSize: number,
  ): Promise<ProgrammeFigures>;
}

const REPORT_COLUMNS = [
  'sessions_held',
  'rhythm_kept',
  'goals_active',
  'goals_achieved',
  'goals_paused',
  'goals_dropped',
  'actions_done',
  'actions_open',
  'useful_1',
  'useful_2',
  'useful_3',
  'useful_4',
  'useful_5',
  'role_advisor',
  'role_challenger',
  'role_connector',
  'role_supporter',
] as const;

function reportValues(counts: ReportCounts): number[] {
  return [
    counts.sessionsHeld,
    counts.rhythmKept ? 1 : 0,
    counts.goals.active,
    counts.goals.achieved,
    counts.goals.paused,
    counts.goals.dropped,
    counts.actionItems.done,
    counts.actionItems.open,
    ...counts.usefulness,
    counts.rolesUsed.advisor,
    counts.rolesUsed.challenger,
    counts.rolesUsed.connector,
    counts.rolesUsed.supporter,
  ];
}

const schema = (types: { text: string; int: string; time: string; strict: string }) => `
CREATE TABLE IF NOT EXISTS programmes (
  id ${types.text} PRIMARY KEY,
  definition ${types.text} NOT NULL,
  secret_hash ${types.text} NOT NULL,
  created_at ${types.time} NOT NULL
)${types.strict};
CREATE TABLE IF NOT EXISTS programme_enrolments (
  programme_id ${types.text} NOT NULL REFERENCES programmes(id),
  enrolment_id ${types.text} NOT NULL,
  public_key ${types.text} NOT NULL,
  enrolled_at ${types.time} NOT NULL,
  withdrawn_at ${types.time},
  PRIMARY KEY (programme_id, enrolment_id)
)${types.strict};
CREATE TABLE IF NOT EXISTS programme_reports (
  programme_id ${types.text} NOT NULL,
  enrolment_id ${types.text} NOT NULL,
  period ${types.text} NOT NULL,
  ${REPORT_COLUMNS.map((c) => `${c} ${types.int} NOT NULL`).join(',\n  ')},
  received_at ${types.time} NOT NULL,
  PRIMARY KEY (programme_id, enrolment_id, period),
  FOREIGN KEY (programme_id, enrolment_id) REFERENCES programme_enrolments(programme_id, enrolment_id)
)${types.strict};
CREATE TABLE IF NOT EXISTS programme_report_milestones (
  programme_id ${types.text} NOT NULL,
  enrolment_id ${types.text} NOT NULL,
  period ${types.text} NOT NULL,
  milestone_id ${types.text} NOT NULL,
  reached ${types.int} NOT NULL,
  PRIMARY KEY (programme_id, enrolment_id, period, milestone_id),
  FOREIGN KEY (programme_id, enrolment_id, period)
    REFERENCES programme_reports(programme_id, enrolment_id, period)
)${types.strict};
`;

export const SQLITE_PROGRAMMES_SCHEMA = schema({
  text: 'TEXT',
  int: 'INTEGER',
  time: 'TEXT',
  strict: ' STRICT',
});
export const POSTGRES_PROGRAMMES_SCHEMA = schema({
  text: 'text',
  int: 'integer',
  time: 'timestamptz',
  strict: '',
});

/**
 * The aggregate queries, one text for both databases ($1 programme, $2 from, $3 to, $4 the
 * minimum). `shown` is the months of the range in which at least the minimum of pairs
 * reported; every figure is computed over those months only, so a month with too few pairs
 * can never be recovered by subtracting one range's figures from another's; and each query's
 * own HAVING drops its result when fewer than the minimum of pairs stand behind it.
 */
const SHOWN = `shown AS (
  SELECT period FROM programme_reports
  WHERE programme_id = $1 AND period >= $2 AND period <= $3
  GROUP BY period HAVING COUNT(DISTINCT enrolment_id) >= $4
)`;
const LATEST = `latest AS (
  SELECT enrolment_id, MAX(period) AS period FROM programme_reports
  WHERE programme_id = $1 AND period IN (SELECT period FROM shown)
  GROUP BY enrolment_id
)`;
const sum = (column: string) => `SUM(${column}) AS ${column}`;
export const FIGURE_QUERIES = {
  enrolled: `SELECT COUNT(*) AS n FROM programme_enrolments
    WHERE programme_id = $1 AND withdrawn_at IS NULL
    HAVING COUNT(*) >= $4 AND $2 <= $3`,
  months: `SELECT period, SUM(sessions_held) AS sessions,
      AVG(CAST(rhythm_kept AS REAL)) AS rhythm
    FROM programme_reports
    WHERE programme_id = $1 AND period >= $2 AND period <= $3
    GROUP BY period HAVING COUNT(DISTINCT enrolment_id) >= $4
    ORDER BY period`,
  range: `WITH ${SHOWN}
    SELECT COUNT(DISTINCT enrolment_id) AS n,
      ${['actions_done', 'actions_open', 'useful_1', 'useful_2', 'useful_3', 'useful_4', 'useful_5', 'role_advisor', 'role_challenger', 'role_connector', 'role_supporter'].map(sum).join(', ')}
    FROM programme_reports
    WHERE programme_id = $1 AND period IN (SELECT period FROM shown)
    HAVING COUNT(DISTINCT enrolment_id) >= $4`,
  snapshot: `WITH ${SHOWN}, ${LATEST}
    SELECT COUNT(*) AS n,
      ${['goals_active', 'goals_achieved', 'goals_paused', 'goals_dropped'].map(sum).join(', ')}
    FROM programme_reports r
    JOIN latest l ON l.enrolment_id = r.enrolment_id AND l.period = r.period
    WHERE r.programme_id = $1
    HAVING COUNT(*) >= $4`,
  milestones: `WITH ${SHOWN}, ${LATEST}
    SELECT m.milestone_id, AVG(CAST(m.reached AS REAL)) AS share
    FROM programme_report_milestones m
    JOIN latest l ON l.enrolment_id = m.enrolment_id AND l.period = m.period
    WHERE m.programme_id = $1
    GROUP BY m.milestone_id HAVING COUNT(*) >= $4`,
};

type Row = Record<string, unknown>;
const num = (value: unknown): Figure =>
  value === null || value === undefined ? null : Number(value);

/** Every month from..to, YYYY-MM (at most 120: the route refuses longer ranges). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 120; i += 1) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    if (period > to) break;
    months.push(period);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function toFigures(
  from: string,
  to: string,
  rows: { enrolled?: Row; months: Row[]; range?: Row; snapshot?: Row; milestones: Row[] },
): ProgrammeFigures {
  const byMonth = new Map(rows.months.map((row) => [String(row.period), row]));
  const range = rows.range;
  const snapshot = rows.snapshot;
  const r = (column: string) => num(range?.[column]);
  const s = (column: string) => num(snapshot?.[column]);
  return {
    enrolled: num(rows.enrolled?.n),
    active: r('n'),
    months: monthsBetween(from, to).map((period) => {
      const row = byMonth.get(period);
      return { period, sessions: num(row?.sessions), rhythmKept: num(row?.rhythm) };
    }),
    milestones: Object.fromEntries(
      rows.milestones.map((row) => [String(row.milestone_id), num(row.share)]),
    ),
    goals: {
      active: s('goals_active'),
      achieved: s('goals_achieved'),
      paused: s('goals_paused'),
      dropped: s('goals_dropped'),
    },
    actionItems: { done: r('actions_done'), open: r('actions_open') },
    usefulness: [r('useful_1'), r('useful_2'), r('useful_3'), r('useful_4'), r('useful_5')],
    rolesUsed: {
      advisor: r('role_advisor'),
      challenger: r('role_challenger'),
      connector: r('role_connector'),
      supporter: r('role_supporter'),
    },
  };
}

interface ProgrammeRow {
  id: string;
  definition: string;
  secret_hash: string;
}
const toProgramme = (row: ProgrammeRow): StoredProgramme => ({
  id: row.id,
  definition: row.definition,
  secretHash: row.secret_hash,
});

/** better-sqlite3 binds named parameters: $1.. become @p1.. */
const sqliteText = (sql: string) => sql.replace(/\$(\d+)/g, '@p$1');

export function sqliteProgrammes(db: Database.Database): ProgrammeStore {
  db.exec(SQLITE_PROGRAMMES_SCHEMA);
  const insertProgramme = db.prepare(
    'INSERT INTO programmes (id, definition, secret_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const allProgrammes = db.prepare('SELECT * FROM programmes ORDER BY created_at, id');
  const programme = db.prepare('SELECT * FROM programmes WHERE id = ?');
  const enrolment = db.prepare(
    'SELECT public_key, withdrawn_at FROM programme_enrolments WHERE programme_id = ? AND enrolment_id = ?',
  );
  const insertEnrolment = db.prepare(
    `INSERT INTO programme_enrolments (programme_id, enrolment_id, public_key, enrolled_at)
     VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const withdraw = db.prepare(
    `UPDATE programme_enrolments SET withdrawn_at = ?
     WHERE programme_id = ? AND enrolment_id = ? AND withdrawn_at IS NULL`,
  );
  const insertReport = db.prepare(
    `INSERT INTO programme_reports (programme_id, enrolment_id, period, ${REPORT_COLUMNS.join(', ')}, received_at)
     VALUES (${Array(REPORT_COLUMNS.length + 4)
       .fill('?')
       .join(', ')}) ON CONFLICT DO NOTHING`,
  );
  const insertMilestone = db.prepare(
    `INSERT INTO programme_report_milestones (programme_id, enrolment_id, period, milestone_id, reached)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const queries = Object.fromEntries(
    Object.entries(FIGURE_QUERIES).map(([name, sql]) => [name, db.prepare(sqliteText(sql))]),
  ) as Record<keyof typeof FIGURE_QUERIES, Database.Statement>;
  const addReport = db.transaction(
    (programmeId: string, enrolmentId: string, period: string, counts: ReportCounts, at: Date) => {
      const done = insertReport.run(
        programmeId,
        enrolmentId,
        period,
        ...reportValues(counts),
        at.toISOString(),
      );
      if (done.changes === 0) return 'duplicate' as const;
      for (const [id, reached] of Object.entries(counts.milestones)) {
        insertMilestone.run(programmeId, enrolmentId, period, id, reached ? 1 : 0);
      }
      return 'stored' as const;
    },
  );
  const figures = db.transaction((args: Record<string, unknown>) => ({
    enrolled: queries.enrolled.get(args) as Row | undefined,
    months: queries.months.all(args) as Row[],
    range: queries.range.get(args) as Row | undefined,
    snapshot: queries.snapshot.get(args) as Row | undefined,
    milestones: queries.milestones.all(args) as Row[],
  }));
  return {
    async createProgramme(p, at) {
      insertProgramme.run(p.id, p.definition, p.secretHash, at.toISOString());
    },
    async listProgrammes() {
      return (allProgrammes.all() as ProgrammeRow[]).map(toProgramme);
    },
    async programmeById(id) {
      const row = programme.get(id) as ProgrammeRow | undefined;
      return row && toProgramme(row);
    },
    async enrol(programmeId, enrolmentId, publicKey, at) {
      const done = insertEnrolment.run(programmeId, enrolmentId, publicKey, at.toISOString());
      if (done.changes === 1) return 'enrolled';
      const row = enrolment.get(programmeId, enrolmentId) as { withdrawn_at: string | null };
      return row.withdrawn_at ? 'withdrawn' : 'exists';
    },
    async enrolmentOf(programmeId, enrolmentId) {
      const row = enrolment.get(programmeId, enrolmentId) as
        | { public_key: string; withdrawn_at: string | null }
        | undefined;
      return (
        row && {
          publicKey: row.public_key,
          withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at) : null,
        }
      );
    },
    async withdraw(programmeId, enrolmentId, at) {
      withdraw.run(at.toISOString(), programmeId, enrolmentId);
    },
    async addReport(programmeId, enrolmentId, period, counts, at) {
      return addReport(programmeId, enrolmentId, period, counts, at);
    },
    async programmeFigures(programmeId, from, to, minGroupSize) {
      return toFigures(from, to, figures({ p1: programmeId, p2: from, p3: to, p4: minGroupSize }));
    },
  };
}

/** The schema is made with the others (postgres.ts createSchema, under its lock). */
export function postgresProgrammes(pool: pg.Pool): ProgrammeStore {
  // PostgreSQL has no REAL in CAST; double precision is the same thing there.
  const pgText = (sql: string) => sql.replaceAll('AS REAL', 'AS double precision');
  return {
    async createProgramme(p, at) {
      await pool.query(
        'INSERT INTO programmes (id, definition, secret_hash, created_at) VALUES ($1, $2, $3, $4)',
        [p.id, p.definition, p.secretHash, at],
      );
    },
    async listProgrammes() {
      const { rows } = await pool.query<ProgrammeRow>(
        'SELECT * FROM programmes ORDER BY created_at, id',
      );
      return rows.map(toProgramme);
    },
    async programmeById(id) {
      const { rows } = await pool.query<ProgrammeRow>('SELECT * FROM programmes WHERE id = $1', [
        id,
      ]);
      return rows[0] && toProgramme(rows[0]);
    },
    async enrol(programmeId, enrolmentId, publicKey, at) {
      const done = await pool.query(
        `INSERT INTO programme_enrolments (programme_id, enrolment_id, public_key, enrolled_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [programmeId, enrolmentId, publicKey, at],
      );
      if (done.rowCount === 1) return 'enrolled';
      const { rows } = await pool.query<{ withdrawn_at: Date | null }>(
        'SELECT withdrawn_at FROM programme_enrolments WHERE programme_id = $1 AND enrolment_id = $2',
        [programmeId, enrolmentId],
      );
      return rows[0]?.withdrawn_at ? 'withdrawn' : 'exists';
    },
    async enrolmentOf(programmeId, enrolmentId) {
      const { rows } = await pool.query<{ public_key: string; withdrawn_at: Date | null }>(
        'SELECT public_key, withdrawn_at FROM programme_enrolments WHERE programme_id = $1 AND enrolment_id = $2',
        [programmeId, enrolmentId],
      );
      const row = rows[0];
      return row && { publicKey: row.public_key, withdrawnAt: row.withdrawn_at };
    },
    async withdraw(programmeId, enrolmentId, at) {
      await pool.query(
        `UPDATE programme_enrolments SET withdrawn_at = $1
         WHERE programme_id = $2 AND enrolment_id = $3 AND withdrawn_at IS NULL`,
        [at, programmeId, enrolmentId],
      );
    },
    async addReport(programmeId, enrolmentId, period, counts, at) {
      return inTransaction(pool, async (client) => {
        const values = [programmeId, enrolmentId, period, ...reportValues(counts), at];
        const done = await client.query(
          `INSERT INTO programme_reports (programme_id, enrolment_id, period, ${REPORT_COLUMNS.join(', ')}, received_at)
           VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING`,
          values,
        );
        if (done.rowCount === 0) return 'duplicate' as const;
        for (const [id, reached] of Object.entries(counts.milestones)) {
          await client.query(
            `INSERT INTO programme_report_milestones (programme_id, enrolment_id, period, milestone_id, reached)
             VALUES ($1, $2, $3, $4, $5)`,
            [programmeId, enrolmentId, period, id, reached ? 1 : 0],
          );
        }
        return 'stored' as const;
      });
    },
    async programmeFigures(programmeId, from, to, minGroupSize) {
      // One snapshot for all five reads, so the figures agree with each other.
      return inTransaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const args = [programmeId, from, to, minGroupSize];
        const run = async (sql: string) => (await client.query<Row>(pgText(sql), args)).rows;
        const enrolled = await run(FIGURE_QUERIES.enrolled);
        const months = await run(FIGURE_QUERIES.months);
        const range = await run(FIGURE_QUERIES.range);
        const snapshot = await run(FIGURE_QUERIES.snapshot);
        const milestones = await run(FIGURE_QUERIES.milestones);
        return toFigures(from, to, {
          enrolled: enrolled[0],
          months,
          range: range[0],
          snapshot: snapshot[0],
          milestones,
        });
      });
    },
  };
}
