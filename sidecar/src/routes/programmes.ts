import {
  createProgrammeResponse,
  DEFAULT_MIN_GROUP_SIZE,
  encodeEnrolmentCode,
  enrolmentIdOfKey,
  enrolmentId as enrolmentIdSchema,
  enrolRequest,
  enrolResponse,
  importReportKey,
  PROGRAMME_VERSION,
  type ProgrammeDefinition,
  type ProgrammeInput,
  type ProgrammeSummary,
  programmeDefinition,
  programmeId as programmeIdSchema,
  programmeInput,
  programmeMonth,
  programmeResponse,
  programmeSummary,
  programmesResponse,
  reportReceipt,
  signedReport,
  verifyProgrammeSignature,
  withdrawalMessage,
  withdrawRequest,
} from '@tandem/protocol/programme';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { RouteContext } from '../context';
import { HttpError } from '../errors';
import { monthsBetween } from '../store/programmes';
import { hashToken, newSecretToken, newServerId, sameHash } from '../tokens';
import { checkResponse, parseRequest } from '../validate';

/**
 * Mentoring programmes (protocol/src/programme.ts; docs/sidecar.md, "Programmes"). A coordinator
 * with the operator token creates programmes and reads their figures; pairs enrol a public key
 * with the programme's secret and send signed monthly counts. Nothing here takes text from a
 * pair, and nothing a pair sends leads back to its sync space: reports arrive without a device
 * token and are known only by the hash of the pair's report key.
 */

const programmePath = z.object({ programmeId: programmeIdSchema });
const enrolmentPath = z.object({ programmeId: programmeIdSchema, enrolmentId: enrolmentIdSchema });
const summaryQuery = z.object({
  from: z.optional(programmeMonth),
  to: z.optional(programmeMonth),
});
const MAX_MONTHS = 120;

/** The month of a date, YYYY-MM (UTC). */
const monthOf = (date: Date) => date.toISOString().slice(0, 7);

export function registerProgrammeRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store, clock } = context;
  const operatorHash = context.operatorToken && hashToken(context.operatorToken);

  const isOperator = (request: FastifyRequest) => {
    const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    return Boolean(operatorHash && given && sameHash(hashToken(given), operatorHash));
  };
  const requireOperator = (request: FastifyRequest) => {
    if (!operatorHash) {
      throw new HttpError(
        403,
        'programmes_disabled',
        'Programmes are off on this sidecar: its operator has not set SIDECAR_OPERATOR_TOKEN.',
      );
    }
    if (!isOperator(request)) {
      throw new HttpError(401, 'unauthorized', 'This needs the operator token of this sidecar.');
    }
  };
  const programmeOf = async (id: string): Promise<ProgrammeDefinition & { secretHash: string }> => {
    const stored = await store.programmeById(id);
    if (!stored) throw new HttpError(404, 'not_found', 'There is no such programme here.');
    return {
      ...programmeDefinition.parse(JSON.parse(stored.definition)),
      secretHash: stored.secretHash,
    };
  };
  const definitionOnly = ({
    secretHash: _,
    ...definition
  }: ProgrammeDefinition & { secretHash: string }) => definition;

  app.post('/programmes', async (request, reply) => {
    requireOperator(request);
    // An agreement template is a few paragraphs: line breaks are its only control character.
    const input = parseRequest(programmeInput, request.body, 'body', ['agreementTemplate']);
    const origin = context.publicOrigin ?? `${request.protocol}://${request.host}`;
    const created = await createProgramme(store, input, origin, clock.now());
    request.log.info({ programmeId: created.programme.id }, 'programme created');
    return reply.code(201).send(checkResponse(createProgrammeResponse, created));
  });

  app.get('/programmes', async (request) => {
    requireOperator(request);
    const stored = await store.listProgrammes();
    return checkResponse(programmesResponse, {
      programmes: stored.map((p) => programmeDefinition.parse(JSON.parse(p.definition))),
    });
  });

  app.get('/programmes/:programmeId', async (request) => {
    const { programmeId } = parseRequest(programmePath, request.params, 'path');
    const programme = await programmeOf(programmeId);
    const secret = request.headers['x-enrolment-secret'];
    const secretOk =
      typeof secret === 'string' && sameHash(hashToken(secret), programme.secretHash);
    if (!secretOk && !isOperator(request)) {
      throw new HttpError(
        403,
        'bad_enrolment_secret',
        'This enrolment code is not valid for this programme.',
      );
    }
    return checkResponse(programmeResponse, { programme: definitionOnly(programme) });
  });

  app.post('/programmes/:programmeId/enrolments', async (request, reply) => {
    const { programmeId } = parseRequest(programmePath, request.params, 'path');
    const { secret, publicKey } = parseRequest(enrolRequest, request.body, 'body');
    const programme = await programmeOf(programmeId);
    if (!sameHash(hashToken(secret), programme.secretHash)) {
      throw new HttpError(
        403,
        'bad_enrolment_secret',
        'This enrolment code is not valid for this programme.',
      );
    }
    if (!(await importReportKey(publicKey))) {
      throw new HttpError(400, 'bad_request', 'body.publicKey: not a P-256 public key.');
    }
    const id = await enrolmentIdOfKey(publicKey);
    const result = await store.enrol(programmeId, id, publicKey, clock.now());
    if (result === 'withdrawn') {
      throw new HttpError(
        403,
        'withdrawn',
        'This pair left the programme; enrol again with a new key.',
      );
    }
    return reply
      .code(result === 'enrolled' ? 201 : 200)
      .send(checkResponse(enrolResponse, { enrolmentId: id }));
  });

  app.post('/programmes/:programmeId/reports', async (request, reply) => {
    const { programmeId } = parseRequest(programmePath, request.params, 'path');
    const { enrolmentId, report, signature } = parseRequest(signedReport, request.body, 'body');
    if (report.programmeId !== programmeId) {
      throw new HttpError(400, 'bad_request', 'This report is for another programme.');
    }
    const programme = await programmeOf(programmeId);
    const enrolment = await store.enrolmentOf(programmeId, enrolmentId);
    if (!enrolment) {
      throw new HttpError(403, 'not_enrolled', 'This key is not enrolled in this programme.');
    }
    if (!(await verifyProgrammeSignature(enrolment.publicKey, report, signature))) {
      throw new HttpError(
        400,
        'bad_signature',
        'The report’s signature does not match its enrolled key.',
      );
    }
    if (enrolment.withdrawnAt) {
      throw new HttpError(
        403,
        'withdrawn',
        'This pair left the programme; its reports are no longer taken.',
      );
    }
    const now = clock.now();
    if (
      report.period < programme.startsOn.slice(0, 7) ||
      report.period > programme.endsOn.slice(0, 7) ||
      report.period >= monthOf(now)
    ) {
      throw new HttpError(
        400,
        'bad_request',
        'A report covers a month of the programme that has ended.',
      );
    }
    const known = new Set(programme.milestones.map((m) => m.id));
    if (Object.keys(report.milestones).some((id) => !known.has(id))) {
      throw new HttpError(
        400,
        'bad_request',
        'The report names a milestone this programme does not have.',
      );
    }
    const stored = await store.addReport(programmeId, enrolmentId, report.period, report, now);
    if (stored === 'duplicate') {
      throw new HttpError(
        409,
        'duplicate_report',
        'This pair’s report for this month was received already.',
      );
    }
    return reply
      .code(201)
      .send(checkResponse(reportReceipt, { period: report.period, receivedAt: now.getTime() }));
  });

  app.delete('/programmes/:programmeId/enrolments/:enrolmentId', async (request, reply) => {
    const { programmeId, enrolmentId } = parseRequest(enrolmentPath, request.params, 'path');
    const { signature } = parseRequest(withdrawRequest, request.body, 'body');
    const enrolment = await store.enrolmentOf(programmeId, enrolmentId);
    if (!enrolment) {
      throw new HttpError(403, 'not_enrolled', 'This key is not enrolled in this programme.');
    }
    if (
      !(await verifyProgrammeSignature(
        enrolment.publicKey,
        withdrawalMessage(programmeId, enrolmentId),
        signature,
      ))
    ) {
      throw new HttpError(
        400,
        'bad_signature',
        'The withdrawal’s signature does not match its enrolled key.',
      );
    }
    await store.withdraw(programmeId, enrolmentId, clock.now());
    return reply.code(204).send();
  });

  const summaryOf = async (request: FastifyRequest): Promise<ProgrammeSummary> => {
    requireOperator(request);
    const { programmeId } = parseRequest(programmePath, request.params, 'path');
    const query = parseRequest(summaryQuery, request.query, 'query');
    const programme = await programmeOf(programmeId);
    const from = query.from ?? programme.startsOn.slice(0, 7);
    const to = query.to ?? programme.endsOn.slice(0, 7);
    if (from > to) throw new HttpError(400, 'bad_request', 'query.from: after query.to.');
    if (monthsBetween(from, to).length >= MAX_MONTHS) {
      throw new HttpError(400, 'bad_request', `query: at most ${MAX_MONTHS - 1} months at once.`);
    }
    const figures = await store.programmeFigures(programmeId, from, to, programme.minGroupSize);
    return checkResponse(programmeSummary, {
      programme: {
        id: programme.id,
        name: programme.name,
        startsOn: programme.startsOn,
        endsOn: programme.endsOn,
        minGroupSize: programme.minGroupSize,
        milestones: programme.milestones,
      },
      from,
      to,
      ...figures,
      // Every milestone of the programme is listed: one no pair reported on is "too few" too.
      milestones: Object.fromEntries(
        programme.milestones.map((m) => [m.id, figures.milestones[m.id] ?? null]),
      ),
    });
  };

  app.get('/programmes/:programmeId/summary', (request) => summaryOf(request));

  app.get('/programmes/:programmeId/summary.csv', async (request, reply) => {
    const summary = await summaryOf(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="programme-${summary.programme.id}.csv"`)
      .send(summaryCsv(summary));
  });
}

/**
 * Makes a programme from a coordinator's definition (the route above, and the
 * `create-programme` command): its id, its enrolment secret (stored only hashed) and the code
 * pairs paste. Refuses, in words, a programme that ends before it starts or repeats a milestone.
 */
export async function createProgramme(
  store: RouteContext['store'],
  input: ProgrammeInput,
  origin: string,
  now: Date,
): Promise<{ programme: ProgrammeDefinition; enrolmentCode: string }> {
  if (input.startsOn > input.endsOn) {
    throw new HttpError(400, 'bad_request', 'The programme must start before it ends.');
  }
  const ids = input.milestones.map((m) => m.id);
  if (new Set(ids).size !== ids.length) {
    throw new HttpError(400, 'bad_request', 'Two milestones have the same id.');
  }
  const programme: ProgrammeDefinition = {
    ...input,
    minGroupSize: input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    id: newServerId(),
    version: PROGRAMME_VERSION,
  };
  const secret = newSecretToken();
  await store.createProgramme(
    { id: programme.id, definition: JSON.stringify(programme), secretHash: hashToken(secret) },
    now,
  );
  return {
    programme,
    enrolmentCode: encodeEnrolmentCode({ sidecar: origin, programmeId: programme.id, secret }),
  };
}

export const TOO_FEW = 'too few pairs to show';

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
function cell(value: string | number | null): string {
  if (value === null) return TOO_FEW;
  if (typeof value === 'number') return String(Math.round(value * 1000) / 1000);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The summary as one table: figure, period (or the range), value. */
export function summaryCsv(summary: ProgrammeSummary): string {
  const range = `${summary.from}..${summary.to}`;
  const rows: [string, string, number | null][] = [
    ['pairs enrolled', 'now', summary.enrolled],
    ['pairs active', range, summary.active],
  ];
  for (const month of summary.months) {
    rows.push(['sessions', month.period, month.sessions]);
    rows.push(['share keeping their rhythm', month.period, month.rhythmKept]);
  }
  for (const milestone of summary.programme.milestones) {
    rows.push([
      `milestone reached: ${milestone.title}`,
      range,
      summary.milestones[milestone.id] ?? null,
    ]);
  }
  for (const [status, value] of Object.entries(summary.goals))
    rows.push([`goals ${status}`, range, value]);
  rows.push(['action items done', range, summary.actionItems.done]);
  rows.push(['action items open', range, summary.actionItems.open]);
  for (const [i, value] of summary.usefulness.entries())
    rows.push([`how useful: ${i + 1} of 5`, range, value]);
  for (const [role, value] of Object.entries(summary.rolesUsed))
    rows.push([`role used: ${role}`, range, value]);
  const lines = [['figure', 'period', 'value'], ...rows].map((row) => row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
