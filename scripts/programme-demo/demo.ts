/*
 * A demo programme on a real sidecar (`npm run programme:demo`): the sidecar with an operator
 * token, one programme, and 12 synthetic pairs whose monthly reports are made by the
 * extension's own code (utils/programme/report.ts computes them from the pairs' records,
 * utils/programme/sign.ts signs them) and sent over HTTP like a browser sends them.
 *
 * The pairs' records are full of words — goal titles, notes, feedback — that must never leave
 * the pair: `CANARY_WORDS` lists them, and tests/integration/programme-demo.test.ts looks for
 * them in every request, every file of the sidecar and every page of the dashboard.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  decodeEnrolmentCode,
  type ProgrammeDefinition,
  type ProgrammeInput,
} from '@tandem/protocol/programme';
import { buildApp } from '../../sidecar/src/app';
import { openSqliteStore } from '../../sidecar/src/store/sqlite';
import { computeReport, type ReportInput } from '../../utils/programme/report';
import {
  enrolmentIdOf,
  generateReportKeys,
  importPrivateKey,
  publicKeyRaw,
  reportNonce,
  signReport,
} from '../../utils/programme/sign';

export const PAIRS = 12;

/** Words written in the demo pairs' notes, goals and feedback: none may reach the programme. */
export const CANARY_WORDS = Array.from(
  { length: PAIRS },
  (_, i) => `canary${String(i).padStart(2, '0')}zebra${(i * 7919) % 1000}`,
);

/** A small seeded generator, so the demo shows the same figures every time. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const monthStart = (date: Date, offset: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
const monthEnd = (date: Date, offset: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset + 1, 0));
const period = (date: Date) => date.toISOString().slice(0, 7);

/** The demo programme: started five months ago, ends in six, with the usual milestones. */
export function demoProgramme(now: Date): ProgrammeInput {
  return {
    name: 'Demo cohort: new team leads',
    startsOn: day(monthStart(now, -5)),
    endsOn: day(monthEnd(now, 6)),
    milestones: [
      {
        id: 'agreement',
        kind: 'agreement',
        title: 'Agreement signed',
        due: day(monthEnd(now, -4)),
      },
      { id: 'midpoint', kind: 'midpoint', title: 'Mid-point review', due: day(monthEnd(now, 0)) },
      { id: 'closing', kind: 'closing', title: 'Closing session', due: day(monthEnd(now, 6)) },
    ],
    agreementTemplate:
      'We meet every two weeks for 45 minutes. What we say stays between us. The mentee sets the agenda.',
    prompts: [
      { text: 'What did you try since we last met, and what happened?', phase: 'progress' },
      { text: 'What would you like to be true by the end of the programme?', phase: 'direction' },
    ],
    sessionTemplates: [
      {
        title: 'Monthly check-in',
        items: ['Wins since last time', 'One hard moment', 'Next step'],
      },
    ],
    feedbackQuestions: ['What would you tell a pair starting the programme?'],
    minGroupSize: 5,
  };
}

/** One synthetic pair's records, text and all, as the extension keeps them. */
export function demoPair(index: number, programme: ProgrammeDefinition, now: Date): ReportInput {
  const rand = random(index + 1);
  const word = CANARY_WORDS[index] as string;
  const start = new Date(`${programme.startsOn}T09:00:00Z`);
  const cadenceDays = [14, 14, 7, 30][index % 4] as number;
  // Most pairs keep their rhythm; a few skip meetings now and then.
  const skip = index % 3 === 0 ? 0.35 : 0.1;
  const sessions: (ReportInput['sessions'][number] & { title: string; notes: string[] })[] = [];
  const usefulness: (ReportInput['usefulness'][number] & { helped: string })[] = [];
  const roleNotes: (ReportInput['roleNotes'][number] & { note: string })[] = [];
  for (let at = start.getTime() + index * 86_400_000, n = 0; at < now.getTime(); n += 1) {
    const id = `demo-${index}-s${n}`;
    const held = rand() > skip;
    const scheduledAt = new Date(at).toISOString().slice(0, 16);
    sessions.push({
      id,
      status: held ? ('held' as const) : ('planned' as const),
      deleted: false,
      scheduledAt,
      heldAt: held ? at : undefined,
      title: `Session about ${word}`,
      notes: [`Private note: ${word} felt stuck this week`],
    });
    if (held) {
      usefulness.push({
        sessionId: id,
        score: 3 + Math.floor(rand() * 3),
        helped: `${word} helped`,
      });
      const roles = (['advisor', 'challenger', 'connector', 'supporter'] as const).filter(
        () => rand() > 0.55,
      );
      roleNotes.push({
        sessionId: id,
        used: roles,
        deleted: false,
        note: `${word} needed support`,
      });
    }
    at += cadenceDays * 86_400_000;
  }
  const statuses = ['active', 'active', 'achieved', 'paused', 'dropped'] as const;
  const goals = Array.from({ length: 2 + (index % 3) }, (_, g) => ({
    id: `demo-${index}-g${g}`,
    title: `Goal ${g}: ${word} leads the launch`,
    why: `Because ${word} asked for it`,
    status: statuses[(index + g) % statuses.length] as (typeof statuses)[number],
    deleted: false,
  }));
  const actionItems = sessions.flatMap((session, n) =>
    session.status === 'held'
      ? [
          {
            text: `Follow up with ${word}`,
            status: rand() > 0.3 ? ('done' as const) : ('open' as const),
            deleted: false,
            due: day(new Date(Date.parse(`${session.scheduledAt}:00Z`) + 7 * 86_400_000)),
            closedInSessionId: sessions[n + 1]?.id ?? null,
          },
        ]
      : [],
  );
  return {
    programme,
    pair: {
      cadenceDays,
      agreement: {
        rhythm: `Every ${cadenceDays} days, ${word}`,
        confidentiality: `What ${word} says stays here`,
        scope: '',
        startDate: day(new Date(start.getTime() + 10 * 86_400_000)),
        midpointDate: programme.milestones.find((m) => m.kind === 'midpoint')?.due,
        endDate: programme.endsOn,
      },
    },
    sessions,
    goals,
    actionItems,
    usefulness,
    roleNotes,
    closing: null,
  };
}

export interface Demo {
  /** The sidecar's origin, e.g. http://127.0.0.1:8790. */
  url: string;
  dashboard: string;
  operatorToken: string;
  enrolmentCode: string;
  programme: ProgrammeDefinition;
  /** Every request body the demo pairs sent, as sent. */
  sent: string[];
  close(): Promise<void>;
}

/**
 * Starts the sidecar on `dataDir` (SQLite), creates the demo programme, enrols the pairs and
 * sends every closed month's report. Port 0 picks a free one.
 */
export async function startDemo(options: {
  dataDir: string;
  port?: number;
  host?: string;
  now?: Date;
  /** Browser origins allowed to call (pairs joining from the extension); default any extension. */
  allowedOrigins?: string[];
}): Promise<Demo> {
  const now = options.now ?? new Date();
  const operatorToken = randomBytes(24).toString('base64url');
  const store = openSqliteStore(options.dataDir);
  const app = buildApp({
    store,
    operatorToken,
    logger: false,
    // A demo on this machine: any extension may enrol, so a pair can try joining from Tandem.
    allowedOrigins: options.allowedOrigins ?? ['chrome-extension://*', 'moz-extension://*'],
  });
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const sent: string[] = [];
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    sent.push(text);
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: text,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  try {
    const created = await post('/programmes', demoProgramme(now), {
      authorization: `Bearer ${operatorToken}`,
    });
    const programme = created.programme as ProgrammeDefinition;
    const code = decodeEnrolmentCode(created.enrolmentCode);
    if (!code) throw new Error('the sidecar made an enrolment code that does not read back');
    const closedMonths: string[] = [];
    for (let offset = -5; offset < 0; offset += 1)
      closedMonths.push(period(monthStart(now, offset)));
    for (let index = 0; index < PAIRS; index += 1) {
      const records = demoPair(index, programme, now);
      const keys = await generateReportKeys();
      const publicKey = await publicKeyRaw(keys.publicKey);
      const enrolled = await post(`/programmes/${programme.id}/enrolments`, {
        secret: code.secret,
        publicKey,
      });
      if (enrolled.enrolmentId !== (await enrolmentIdOf(publicKey))) {
        throw new Error('the sidecar answered with another enrolment id');
      }
      const privateKey = await importPrivateKey(keys.privateKey);
      // Pairs join over the first months; each reports every closed month since it joined.
      for (const month of closedMonths.slice(index % 3)) {
        const report = computeReport(records, month, reportNonce());
        await post(
          `/programmes/${programme.id}/reports`,
          await signReport(privateKey, enrolled.enrolmentId, report),
        );
      }
    }
    return {
      url,
      dashboard: `${url}/dashboard`,
      operatorToken,
      enrolmentCode: created.enrolmentCode,
      programme,
      sent,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
}
