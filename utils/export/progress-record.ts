import { t } from '../i18n';
import type { Closing, Learning } from '../schema/arc';
import type { GoalStatus } from '../schema/goal';
import type { Pair } from '../schema/pair';
import {
  escapedLines,
  escapeHeading,
  escapeInline,
  formatDay,
  goalStatusName,
  listItem,
  type MarkdownOptions,
} from './markdown';

/*
 * The mentee's progress record, made at closing: the goals with their status and what was
 * achieved, what the mentee and the mentor learned, what comes next, and the mentor's
 * endorsement in the mentor's own words. Nothing private goes in unless its author ticked
 * "include in the progress record": a learning goes in when it is shared or ticked.
 * One plain structure, written out as Markdown (the download) or as text nodes (the printable
 * page, entrypoints/progress-record/).
 */

export interface ProgressRecordInput {
  pair: Pick<Pair, 'title' | 'members' | 'agreement'>;
  goals: readonly {
    title: string;
    status: GoalStatus;
    outcome?: string | undefined;
    deleted: boolean;
  }[];
  learnings: readonly Learning[];
  closing: Closing | null;
  now: number;
}

export interface ProgressRecord {
  title: string;
  /** "From 1 March 2025 to 30 June 2025", or '' without both dates. */
  period: string;
  goals: { title: string; status: string; outcome: string }[];
  menteeLearned: string[];
  mentorLearned: string[];
  whatNext: string;
  learnFrom: string;
  endorsement: string;
  /** The mentors' names, under the endorsement. */
  endorsedBy: string;
  made: string;
}

/** Whether a learning may go into the progress record: shared, or ticked by its author. */
export function inProgressRecord(learning: Learning): boolean {
  return (
    !learning.deleted &&
    learning.text.trim() !== '' &&
    (learning.visibility === 'shared' || learning.inRecord === true)
  );
}

export function progressRecord(
  input: ProgressRecordInput,
  options: MarkdownOptions = {},
): ProgressRecord {
  const { pair, closing } = input;
  const { startDate, endDate } = pair.agreement;
  const learned = (role: Learning['authorRole']) =>
    input.learnings
      .filter((l) => l.authorRole === role && inProgressRecord(l))
      .map((l) => l.text.trim());
  return {
    title: pair.title,
    period:
      startDate && endDate
        ? t('arc.record.period', formatDay(startDate, options), formatDay(endDate, options))
        : '',
    goals: input.goals
      .filter((g) => !g.deleted)
      .map((g) => ({
        title: g.title,
        status: goalStatusName(g.status),
        outcome: (g.outcome ?? '').trim(),
      })),
    menteeLearned: learned('mentee'),
    mentorLearned: learned('mentor'),
    whatNext: closing?.whatNext.trim() ?? '',
    learnFrom: closing?.learnFrom.trim() ?? '',
    endorsement: closing?.endorsement.trim() ?? '',
    endorsedBy: pair.members
      .filter((m) => m.role === 'mentor')
      .map((m) => m.name)
      .join(', '),
    made: t(
      'arc.record.made',
      new Intl.DateTimeFormat(options.locale, {
        dateStyle: 'long',
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      }).format(input.now),
    ),
  };
}

/** The progress record as Markdown, every piece of user text escaped (see markdown.ts). */
export function progressRecordMarkdown(record: ProgressRecord): string {
  const blocks = [`# ${t('arc.record.title', escapeHeading(record.title))}`];
  if (record.period) blocks.push(escapeInline(record.period));
  if (record.goals.length > 0) {
    blocks.push(
      `## ${t('arc.record.goals')}`,
      record.goals
        .map((goal) => {
          const lines = [`**${escapeInline(goal.title)}** — ${escapeInline(goal.status)}`];
          const [first, ...rest] = escapedLines(goal.outcome);
          if (first) lines.push(`*${t('arc.markdown.outcomeLabel')}:* ${first}`, ...rest);
          return listItem('-', lines);
        })
        .join('\n'),
    );
  }
  const list = (heading: string, texts: readonly string[]) => {
    if (texts.length === 0) return;
    blocks.push(`## ${heading}`, texts.map((text) => listItem('-', escapedLines(text))).join('\n'));
  };
  list(t('arc.record.menteeLearned'), record.menteeLearned);
  list(t('arc.record.mentorLearned'), record.mentorLearned);
  for (const [heading, text] of [
    [t('arc.record.whatNext'), record.whatNext],
    [t('arc.record.learnFrom'), record.learnFrom],
  ] as const) {
    if (text) blocks.push(`## ${heading}`, escapedLines(text).join('\n'));
  }
  if (record.endorsement) {
    const quote = escapedLines(record.endorsement).map((line) => (line ? `> ${line}` : '>'));
    if (record.endorsedBy)
      quote.push('>', `> ${t('arc.record.endorsedBy', escapeInline(record.endorsedBy))}`);
    blocks.push(`## ${t('arc.record.endorsement')}`, quote.join('\n'));
  }
  blocks.push(`*${escapeInline(record.made)}*`);
  return `${blocks.join('\n\n')}\n`;
}

/** A file name for the download: "progress-record-ada-and-grace.md". */
export function progressRecordFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${t('arc.closing.fileName')}${slug ? `-${slug}` : ''}.md`;
}
