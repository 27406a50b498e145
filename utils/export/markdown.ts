import { plural, t } from '../i18n';
import { draftedBy } from '../mentoring/agenda-draft';
import { goalOwnerNames } from '../mentoring/goal-owners';
import { ownerIdsOf, ownerWords, roleName } from '../mentoring/owners';
import { enrolmentStatus } from '../programme/status';
import { closingOf } from '../queries/arc';
import type { Databases } from '../queries/databases';
import type { OpenedFeedback } from '../queries/feedback';
import { pairForExport, type SessionDetails, sessionForExport } from '../queries/session-details';
import type { ActionItem } from '../schema/action-item';
import type { ArcPhase, Closing, Learning } from '../schema/arc';
import type { Goal, GoalStatus } from '../schema/goal';
import type { MentorRole } from '../schema/mentor-role';
import type { Note } from '../schema/note';
import type { MentoringModel, Pair } from '../schema/pair';
import type { Session } from '../schema/session';

/**
 * A session or a whole pair as Markdown, to paste into an email or a notes app, and the
 * summary a mentee sends the mentor after the call (Markdown or plain text).
 *
 * Every piece of user text is escaped, so a note holding `# heading`, `[link](javascript:…)`
 * or `<script>` stays literal text wherever the Markdown is rendered. Headings and labels are
 * in the user's language (the messages in locales/), dates go through Intl in the locale given
 * (default: the browser's).
 */

export interface SessionExport extends SessionDetails {
  pair: Pair;
}

export interface PairExport {
  pair: Pair;
  /** By `order`. */
  goals: Goal[];
  /** Newest first. */
  sessions: SessionDetails[];
  /** What the members learned (the relationship's arc); private ones only with includePrivate. */
  learnings?: Learning[];
  /** The pair's closing: what comes next, who else to learn from, the mentor's endorsement. */
  closing?: Closing | null;
  /** The programmes the pair joined (docs/programmes.md): one line each, name and status. */
  programmes?: { name: string; status: string }[];
}

export interface MarkdownOptions {
  /** BCP 47 locale for dates and percentages; undefined = the browser's. */
  locale?: string;
  /** Time zone for times kept as epoch ms (creation times); undefined = the browser's. */
  timeZone?: string;
  /**
   * Render private notes and reflections (marked "(private)") when the data holds them.
   * Off by default, so data loaded for the panel never leaks private text into an export.
   */
  includePrivate?: boolean;
}

/* ---------- loading ---------- */

/** A session with its pair and everything written in it, or undefined when it is gone. */
export function loadSessionForExport(
  store: Databases,
  sessionId: string,
  options: { includePrivate: boolean },
): Promise<SessionExport | undefined> {
  return sessionForExport(store, sessionId, options).then(
    async (data) => data && (await withFeedback(store, [data]))[0],
  );
}

/** Opened feedback is read with WebCrypto, by code loaded only when an export asks for it. */
async function withFeedback<T extends { session: { id: string } }>(store: Databases, rows: T[]) {
  const { withOpenedFeedback } = await import('../queries/feedback');
  return withOpenedFeedback(store, rows);
}

/** A pair with its goals and sessions (newest first), or undefined when it is gone. */
export async function loadPairForExport(
  store: Databases,
  pairId: string,
  options: { includePrivate: boolean },
): Promise<PairExport | undefined> {
  const data = await pairForExport(store, pairId, options);
  if (!data) return undefined;
  const [sessions, closing, enrolments, consents] = await Promise.all([
    withFeedback(store, data.sessions),
    closingOf(store, pairId),
    store.db.programmeEnrolments.where('pairId').equals(pairId).toArray(),
    store.db.programmeConsents.where('pairId').equals(pairId).toArray(),
  ]);
  const members = data.pair.members;
  const programmes = enrolments
    .filter((e) => !e.deleted)
    .map((e) => {
      const status = enrolmentStatus(
        e,
        consents,
        members.map((m) => m.id),
      );
      const words =
        status.kind === 'waiting'
          ? t(
              'programme.status.waiting',
              status.waitingFor
                .map((id) => members.find((m) => m.id === id)?.name ?? id)
                .join(', '),
            )
          : t(`programme.status.${status.kind}`);
      return { name: e.programme.name, status: words };
    });
  return { ...data, closing, programmes, sessions: sessions.sort(newestFirst) };
}

/** When a session took place: its scheduled wall-clock time, else when it was created. */
function sessionTime(session: Session): number {
  const parts = localParts(session.scheduledAt);
  return parts ? Date.UTC(...parts) : session.createdAt;
}

function newestFirst(a: SessionDetails, b: SessionDetails): number {
  return (
    sessionTime(b.session) - sessionTime(a.session) || b.session.createdAt - a.session.createdAt
  );
}

/* ---------- escaping ---------- */

/**
 * Characters that start Markdown (CommonMark and GitHub's) inline syntax: emphasis, code,
 * links and images, autolinks and raw HTML, tables, strikethrough. Backslash-escaping them
 * keeps them literal; `&` only where it would start an entity such as `&lt;`.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>|~]/g;
const ENTITY_START = /&(?=#?[a-z0-9]+;)/gi;

export function escapeInline(text: string): string {
  return text.replace(INLINE_SYNTAX, '\\$&').replace(ENTITY_START, '\\&');
}

/**
 * One line of user text, made literal where a line starts: headings (#), list markers
 * (- + and "1." "1)"), setext underlines (= -), thematic breaks. Leading spaces are dropped,
 * as Markdown would (four of them would make a code block).
 */
function escapeLine(line: string): string {
  const text = escapeInline(line.trim());
  const ordered = /^(\d{1,9})([.)])/.exec(text);
  if (ordered) return `${ordered[1]}\\${text.slice(ordered[1]?.length ?? 0)}`;
  return /^[#+\-=]/.test(text) ? `\\${text}` : text;
}

/** Text for a heading: one line, and `#` escaped everywhere (a trailing run would close it). */
export function escapeHeading(text: string): string {
  return escapeInline(oneLine(text)).replace(/#/g, '\\#');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** User text as lines, without carriage returns and runs of blank lines. */
function linesOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '');
}

/**
 * A list item: `marker` then the first line of already escaped text; further lines indented
 * to stay in the item (blank lines kept as paragraph breaks).
 */
export function listItem(marker: string, lines: readonly string[]): string {
  const indent = ' '.repeat(marker.length + 1);
  return lines
    .map((line, index) => (index === 0 ? `${marker} ${line}` : line === '' ? '' : indent + line))
    .join('\n');
}

export const escapedLines = (text: string) =>
  linesOf(text).map((line) => (line ? escapeLine(line) : ''));

/* ---------- words ---------- */

const modelKeys = {
  'one-to-one': 'export.model.oneToOne',
  group: 'export.model.group',
  peer: 'export.model.peer',
  reverse: 'export.model.reverse',
} as const satisfies Record<MentoringModel, string>;

/** `winding-down` → the message key part `winding_down` (message names take no hyphen). */
export const phaseKey = (phase: ArcPhase) =>
  phase.replace('-', '_') as 'agreement' | 'direction' | 'progress' | 'winding_down' | 'closing';

export const goalStatusName = (status: GoalStatus): string => t(`export.goalStatus.${status}`);

function cadenceText(days: number): string {
  if (days === 7) return t('export.cadence.week');
  if (days === 14) return t('export.cadence.twoWeeks');
  return plural('export.cadence.days', days);
}

/** "Ada", "Ada and Grace", "Everyone": the owners by name; "mentee" for a pair without names. */
function ownerText(item: ActionItem, pair: Pair, options: MarkdownOptions): string {
  if (ownerIdsOf(item, pair).length === 0) return t(`export.role.${item.owner}`);
  return oneLine(ownerWords(item, pair, options.locale));
}

/* ---------- dates ---------- */

type DateParts = [number, number, number, number, number];

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` as numbers for Date.UTC (month from 0), or undefined. */
function localParts(value: string): DateParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return undefined;
  const [, y, m, d, h, min] = match.map(Number);
  if (!y || !m || !d) return undefined;
  return [y, m - 1, d, h || 0, min || 0];
}

/**
 * Record dates are wall-clock strings (what the user picked, no time zone): formatted as UTC
 * so that no time zone shifts them.
 */
export function formatDay(isoDate: string, options: MarkdownOptions): string {
  const parts = localParts(isoDate);
  if (!parts) return isoDate;
  return new Intl.DateTimeFormat(options.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    Date.UTC(...parts),
  );
}

function sessionDate(session: Session, options: MarkdownOptions): string {
  const parts = localParts(session.scheduledAt);
  if (parts) {
    return new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(Date.UTC(...parts));
  }
  // No time was set: the day it was created, in the user's time zone.
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'long',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(session.createdAt);
}

function percent(progress: number, options: MarkdownOptions): string {
  return new Intl.NumberFormat(options.locale, { style: 'percent' }).format(progress / 100);
}

/* ---------- Markdown ---------- */

function actionLine(item: ActionItem, pair: Pair, options: MarkdownOptions): string {
  const facts = [t('export.owner', escapeInline(ownerText(item, pair, options)))];
  if (item.due) facts.push(t('export.due', formatDay(item.due, options)));
  facts.push(t(`export.actionStatus.${item.status}`));
  const [first = '', ...rest] = escapedLines(item.text);
  return listItem(`- [${item.status === 'done' ? 'x' : ' '}]`, [
    `${first} — ${facts.join(', ')}`,
    ...rest,
  ]);
}

const privateMark = (visibility: 'private' | 'shared') =>
  visibility === 'private' ? `*(${t('export.private')})* ` : '';

/** The sections of one session, under headings of the given level. */
function sessionSections(
  details: SessionDetails,
  pair: Pair,
  level: number,
  options: MarkdownOptions,
): string[] {
  const heading = '#'.repeat(level);
  const visible = <T extends { visibility: 'private' | 'shared' }>(rows: T[]) =>
    rows.filter((r) => r.visibility === 'shared' || options.includePrivate === true);
  const blocks: string[] = [];
  if (details.agenda.length > 0) {
    // Only items that name their author (written since the mentee drafts the agenda).
    const by = draftedBy(
      details.agenda.filter((item) => item.authorId),
      pair,
    );
    blocks.push(
      `${heading} ${by ? escapeInline(t('ownership.agendaDraftedBy', by)) : t('export.agenda')}`,
      details.agenda
        .map((item) => {
          const [first = '', ...rest] = escapedLines(item.text);
          const carried = item.carriedFrom ? ` *(${t('export.carriedOver')})*` : '';
          const suggested = item.suggestion ? ` *(${t('ownership.suggestion')})*` : '';
          return listItem(`- [${item.done ? 'x' : ' '}]`, [first + carried + suggested, ...rest]);
        })
        .join('\n'),
    );
  }
  const notes = visible(details.notes).filter((n) => n.body.trim() !== '');
  if (notes.length > 0) {
    blocks.push(
      `${heading} ${t('export.notes')}`,
      notes
        .map((note) => {
          const [first = '', ...rest] = escapedLines(note.body);
          return listItem('-', [privateMark(note.visibility) + first, ...rest]);
        })
        .join('\n'),
    );
  }
  if (details.actionItems.length > 0) {
    blocks.push(
      `${heading} ${t('export.actionItems')}`,
      details.actionItems.map((item) => actionLine(item, pair, options)).join('\n'),
    );
  }
  const reflections = visible(details.reflections).filter((r) => r.answer.trim() !== '');
  if (reflections.length > 0) {
    blocks.push(
      `${heading} ${t('export.reflections')}`,
      reflections
        .map((r) => {
          const prompt = oneLine(r.prompt);
          const head = privateMark(r.visibility) + (prompt ? `**${escapeInline(prompt)}**` : '');
          const answer = escapedLines(r.answer);
          return listItem('-', head ? [head, ...answer] : answer);
        })
        .join('\n'),
    );
  }
  // A group member's answers only under a member of the pair (docs/feedback.md).
  const feedback = (details.feedback ?? []).filter(
    (side) => !side.memberId || pair.members.some((m) => m.id === side.memberId),
  );
  const sealed = details.sealedFeedback ?? [];
  if (feedback.length + sealed.length > 0) {
    blocks.push(
      `${heading} ${t('feedback.history')}`,
      [
        ...feedback.map((side) => feedbackMarkdown(side, pair)),
        // A sealed side is named, never its ciphertext: nobody can read it yet.
        ...sealed.map(
          (side) =>
            `- **${escapeInline(roleName(pair.model, side))}**: *${t('backupFormat.sealed')}*`,
        ),
      ].join('\n'),
    );
  }
  blocks.push(...mentorRoleSections(details, heading, options));
  if (blocks.length === 0) blocks.push(t('export.emptySession'));
  return blocks;
}

/** One side's opened answers: the role, the word and rating, then what helped and what to change. */
function feedbackMarkdown(side: OpenedFeedback, pair: Pair): string {
  const { answers } = side;
  const member = pair.members.find((m) => m.id === side.memberId);
  const head = `**${escapeInline(member?.name.trim() || roleName(pair.model, side.side))}**`;
  const lines = [
    answers.word.trim() ? `${head}: ${escapeInline(oneLine(answers.word))}` : head,
    `- ${escapeInline(t('feedback.usefulness'))} ${t('feedback.usefulnessOf', String(answers.usefulness))}`,
  ];
  for (const [question, text] of [
    [t('feedback.helped'), answers.helped],
    [t('feedback.change'), answers.change],
  ] as const) {
    if (text.trim()) lines.push(`- ${escapeInline(question)} ${escapeInline(oneLine(text))}`);
  }
  return listItem('-', lines);
}

/** Introductions agreed in the session and the role notes on it (docs/mentor-roles.md). */
function mentorRoleSections(
  details: SessionDetails,
  heading: string,
  options: MarkdownOptions,
): string[] {
  const blocks: string[] = [];
  const intros = details.introductions ?? [];
  if (intros.length > 0) {
    blocks.push(
      `${heading} ${t('mentorRoles.intro.heading')}`,
      intros
        .map((intro) => {
          const who = escapeInline(oneLine(intro.org ? `${intro.who} (${intro.org})` : intro.who));
          const facts = [t(`mentorRoles.intro.status.${intro.status}`)];
          if (intro.followUp) {
            facts.push(t('mentorRoles.intro.followUpOn', formatDay(intro.followUp, options)));
          }
          const lines = [`**${who}** — ${facts.join(', ')}`, ...escapedLines(intro.why)];
          return listItem(`- [${intro.status === 'met' ? 'x' : ' '}]`, lines.filter(Boolean));
        })
        .join('\n'),
    );
  }
  const notes = (details.roleNotes ?? []).filter(
    (n) =>
      (n.visibility === 'shared' || options.includePrivate === true) &&
      (n.used.length + n.needed.length > 0 || n.note.trim() !== ''),
  );
  if (notes.length > 0) {
    const names = (roles: readonly MentorRole[]) =>
      roles.map((r) => t(`mentorRoles.name.${r}`)).join(', ') || '—';
    blocks.push(
      `${heading} ${t('mentorRoles.notes.heading2')}`,
      notes
        .map((n) => {
          const lines = [
            `${privateMark(n.visibility)}**${t(`common.role.${n.author}`)}:** ${t('mentorRoles.notes.usedList', names(n.used))}; ${t('mentorRoles.notes.neededList', names(n.needed))}`,
            ...escapedLines(n.note),
          ];
          return listItem('-', lines.filter(Boolean));
        })
        .join('\n'),
    );
  }
  return blocks;
}

function sessionTitle(session: Session, options: MarkdownOptions): string {
  const date = escapeInline(sessionDate(session, options));
  return session.status === 'held' ? t('export.held', date) : t('export.planned', date);
}

/** One session as Markdown: pair title and date, agenda, notes, action items, reflections. */
export function sessionMarkdown(data: SessionExport, options: MarkdownOptions = {}): string {
  return document([
    `# ${t('export.sessionOf', escapeHeading(data.pair.title), sessionTitle(data.session, options))}`,
    ...sessionSections(data, data.pair, 2, options),
  ]);
}

/**
 * A whole pair as Markdown: title, mentoring model and rhythm, members and roles, agreement,
 * goals with status and progress, then every session, newest first. Planned sessions in which
 * nothing was written yet are left out.
 */
export function pairMarkdown(data: PairExport, options: MarkdownOptions = {}): string {
  const { pair } = data;
  const blocks = [
    `# ${escapeHeading(pair.title)}`,
    t('export.modelCadence', t(modelKeys[pair.model]), cadenceText(pair.cadenceDays)),
  ];
  if (pair.phase) blocks.push(t('arc.markdown.phase', t(`arc.phase.${phaseKey(pair.phase)}`)));
  if (pair.members.length > 0) {
    blocks.push(
      `## ${t('export.members')}`,
      pair.members
        .map((m) => {
          const email = m.email ? ` <${m.email}>` : '';
          const role = pair.model === 'peer' ? t('ownership.peer') : t(`export.role.${m.role}`);
          return `- ${escapeInline(oneLine(m.name) + email)}, ${role}`;
        })
        .join('\n'),
    );
  }
  const agreement = (
    [
      [t('pair.rhythm'), pair.agreement.rhythm],
      [t('pair.confidentiality'), pair.agreement.confidentiality],
      [t('pair.scope'), pair.agreement.scope],
    ] as const
  ).filter(([, text]) => text.trim() !== '');
  // The arc's dates (docs/arc.md), as days in the user's language.
  for (const [label, day] of [
    [t('arc.form.startDate'), pair.agreement.startDate],
    [t('arc.form.midpointDate'), pair.agreement.midpointDate],
    [t('arc.form.endDate'), pair.agreement.endDate],
  ] as const) {
    if (day) agreement.push([label, formatDay(day, options)]);
  }
  if (agreement.length > 0) {
    blocks.push(
      `## ${t('export.agreement')}`,
      agreement
        .map(([label, text]) => {
          const [first = '', ...rest] = escapedLines(text);
          return listItem('-', [`**${label}:** ${first}`, ...rest]);
        })
        .join('\n'),
    );
  }
  if (data.goals.length > 0) {
    blocks.push(
      `## ${t('goals.heading')}`,
      data.goals
        .map((goal) => {
          const facts = [
            goalStatusName(goal.status),
            t('export.progressDone', percent(goal.progress, options)),
          ];
          if (goal.targetDate) {
            facts.push(t('export.target', formatDay(goal.targetDate, options)));
          }
          const lines = [`**${escapeInline(oneLine(goal.title))}** — ${facts.join(', ')}`];
          const owners = goalOwnerNames(goal, pair);
          if (owners) lines.push(`*${t('ownership.owner')}:* ${escapeInline(owners)}`);
          for (const [label, text] of [
            [t('export.why'), goal.why],
            [t('export.measure'), goal.measure],
            [t('arc.markdown.outcomeLabel'), goal.outcome ?? ''],
          ] as const) {
            const [first, ...rest] = escapedLines(text);
            if (first) lines.push(`*${label}:* ${first}`, ...rest);
          }
          return listItem('-', lines);
        })
        .join('\n'),
    );
  }
  const learnings = (data.learnings ?? []).filter(
    (l) => l.text.trim() !== '' && (l.visibility === 'shared' || options.includePrivate === true),
  );
  if (learnings.length > 0) {
    blocks.push(
      `## ${t('arc.markdown.learnings')}`,
      learnings
        .map((l) => {
          const [first = '', ...rest] = escapedLines(l.text);
          const who = t(`export.role.${l.authorRole}`);
          return listItem('-', [
            privateMark(l.visibility) + t('arc.markdown.learningBy', who, first),
            ...rest,
          ]);
        })
        .join('\n'),
    );
  }
  blocks.push(...closingSection(data.closing));
  if (data.programmes && data.programmes.length > 0) {
    blocks.push(
      `## ${t('programme.heading')}`,
      data.programmes
        .map((p) => `- ${escapeInline(p.name)} — ${escapeInline(p.status)}`)
        .join('\n'),
    );
  }
  const sessions = data.sessions.filter(
    (s) =>
      s.session.status === 'held' ||
      s.agenda.length + s.notes.length + s.actionItems.length + s.reflections.length > 0 ||
      (s.introductions?.length ?? 0) > 0,
  );
  if (sessions.length > 0) {
    blocks.push(`## ${t('history.heading')}`);
    for (const details of sessions) {
      blocks.push(
        `### ${sessionTitle(details.session, options)}`,
        ...sessionSections(details, pair, 4, options),
      );
    }
  }
  return document(blocks);
}

/** The closing (docs/arc.md): what comes next, who else to learn from, the endorsement. */
function closingSection(closing: Closing | null | undefined): string[] {
  if (!closing || closing.deleted) return [];
  const parts = (
    [
      [t('arc.record.whatNext'), closing.whatNext],
      [t('arc.record.learnFrom'), closing.learnFrom],
      [t('arc.record.endorsement'), closing.endorsement],
    ] as const
  ).filter(([, text]) => text.trim() !== '');
  if (parts.length === 0) return [];
  return [
    `## ${t('backupFormat.closing')}`,
    parts
      .map(([label, text]) => {
        const [first = '', ...rest] = escapedLines(text);
        return listItem('-', [`**${label}:** ${first}`, ...rest]);
      })
      .join('\n'),
  ];
}

function document(blocks: string[]): string {
  return `${blocks.join('\n\n')}\n`;
}

/* ---------- summary ---------- */

/** Words from a comma-separated message, as alternatives of a regular expression. */
function wordsPattern(...lists: string[]): string {
  const words = lists.flatMap((list) => list.split(','));
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))]
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/**
 * Decisions are the lines of shared notes that say so: "Decision: …", "Decisions: …" or
 * "Decided …" (any case, after an optional bullet) — in English and in the user's language
 * ("Entscheidung: …", "Decisión: …"). Private notes and reflections never go into a summary:
 * it is written to be sent.
 */
export function decisionsOf(notes: readonly Note[]): string[] {
  const { labelled, decided } = decisionPatterns();
  const decisions: string[] = [];
  for (const note of notes) {
    if (note.visibility !== 'shared' || note.deleted) continue;
    for (const raw of linesOf(note.body)) {
      const line = raw.replace(/^\s*(?:[-*•]\s+)?/, '').trim();
      const match = labelled.exec(line);
      if (match?.[1]) decisions.push(match[1].trim());
      else if (decided.test(line)) decisions.push(line);
    }
  }
  return decisions;
}

/** Lines of a shared note the summary shows under "Notes", besides its decisions. */
export const SUMMARY_NOTE_LINES = 5;

/**
 * What the shared notes say, for the summary: each note's first lines that are not decisions
 * (those have a section of their own), bullets dropped, up to SUMMARY_NOTE_LINES a note —
 * "…" says there was more. Private notes never go into a summary.
 */
export function notePointsOf(notes: readonly Note[]): string[] {
  const { labelled, decided } = decisionPatterns();
  const points: string[] = [];
  for (const note of notes) {
    if (note.visibility !== 'shared' || note.deleted) continue;
    const lines = linesOf(note.body)
      .map((raw) => raw.replace(/^\s*(?:[-*•]\s+)?/, '').trim())
      .filter((line) => line !== '' && !labelled.test(line) && !decided.test(line));
    const kept = lines
      .slice(0, SUMMARY_NOTE_LINES)
      .map((line) => (line.length > 300 ? `${line.slice(0, 300).trimEnd()}…` : line));
    if (lines.length > SUMMARY_NOTE_LINES && kept.length > 0) {
      kept[kept.length - 1] = `${kept[kept.length - 1]} …`;
    }
    points.push(...kept);
  }
  return points;
}

function decisionPatterns(): { labelled: RegExp; decided: RegExp } {
  const labels = wordsPattern('decision, decisions', t('export.decisionLabels'));
  const verbs = wordsPattern('decided', t('export.decidedWords'));
  return {
    labelled: new RegExp(`^(?:${labels})\\s*:\\s*(.+)$`, 'iu'),
    decided: new RegExp(`^(?:${verbs})(?![\\p{L}\\p{N}])`, 'iu'),
  };
}

/**
 * What a mentee sends the mentor after the call: the agenda covered (items ticked) and not
 * covered, decisions (see decisionsOf), and the action items agreed (dropped ones left out)
 * with owners and due dates. `markdown` escapes user text; `text` is plain, for an email:
 * no Markdown syntax, bullets as "- ", nothing escaped.
 */
export function sessionSummary(
  data: SessionExport,
  format: 'markdown' | 'text',
  options: Omit<MarkdownOptions, 'includePrivate'> = {},
): string {
  const markdown = format === 'markdown';
  const text = (value: string) => (markdown ? escapeLine(oneLine(value)) : oneLine(value));
  const date = sessionDate(data.session, options);
  const title = markdown
    ? `# ${t('export.summaryTitle', escapeHeading(data.pair.title), escapeInline(date))}`
    : t('export.summaryTitle', oneLine(data.pair.title), date);
  const section = (name: string, items: string[]) => {
    if (items.length === 0) return [];
    const list = items.map((item) => `- ${item}`).join('\n');
    return markdown ? [`## ${name}`, list] : [`${t('export.sectionLabel', name)}\n${list}`];
  };
  const actions = data.actionItems
    .filter((item) => item.status !== 'dropped')
    .map((item) => {
      const facts = [ownerText(item, data.pair, options)];
      if (item.due) facts.push(t('export.due', formatDay(item.due, options)));
      if (item.status === 'done') facts.push(t('export.actionStatus.done'));
      const details = facts.join(', ');
      return `${text(item.text)} (${markdown ? escapeInline(details) : details})`;
    });
  const blocks = [
    title,
    ...section(
      t('export.agendaCovered'),
      data.agenda.filter((a) => a.done).map((a) => text(a.text)),
    ),
    ...section(
      t('export.notCovered'),
      data.agenda.filter((a) => !a.done).map((a) => text(a.text)),
    ),
    ...section(t('export.decisions'), decisionsOf(data.notes).map(text)),
    ...section(t('export.notes'), notePointsOf(data.notes).map(text)),
    ...section(t('export.actionItems'), actions),
  ];
  if (blocks.length === 1) blocks.push(t('export.nothingRecorded'));
  return `${blocks.join('\n\n')}\n`;
}
