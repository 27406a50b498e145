import type { ProgrammeReport } from '@tandem/protocol/programme';
import { useEffect, useState } from 'preact/hooks';
import { agreeToEnrolment } from '../../utils/data/records/programmes';
import { t, uiLocale } from '../../utils/i18n';
import { currentPhase } from '../../utils/mentoring/arc-phase';
import { myMember } from '../../utils/mentoring/my-member';
import {
  leaveProgramme,
  previewReport,
  registerIfReady,
  retryWithdrawals,
  sendReport,
} from '../../utils/programme/actions';
import { enrolmentStatus, reportPeriods, unsentPeriods } from '../../utils/programme/status';
import { sessionsOf } from '../../utils/queries/sessions';
import { mentorRoles } from '../../utils/schema/mentor-role';
import type { Pair } from '../../utils/schema/pair';
import type {
  ProgrammeConsent,
  ProgrammeEnrolment,
  ProgrammeReceipt,
} from '../../utils/schema/programme';
import { ErrorText } from '../controls';
import { formatDate, formatDateTime } from '../format';
import { useLive, useStore } from '../use-live';
import { WhatItReceives } from './what-it-receives';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "November 2026" in the panel's language. */
export function monthName(period: string): string {
  const [year = 0, month = 1] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(uiLocale(), { month: 'long', year: 'numeric' }).format(
    new Date(year, month - 1, 1),
  );
}

/**
 * A pair's programme on its home (loaded when shown: components/modes.tsx): the programme's
 * milestones, the other member's agreement prompt, the month's report preview with Send, and
 * what was sent. Renders nothing for a pair in no programme.
 */
export function ProgrammeHome({ pair }: { pair: Pair }) {
  const store = useStore();
  const enrolments = useLive(
    () =>
      store.db.programmeEnrolments
        .where('pairId')
        .equals(pair.id)
        .filter((e) => !e.deleted)
        .toArray(),
    [store, pair.id],
  );
  const consents = useLive(
    () => store.db.programmeConsents.where('pairId').equals(pair.id).toArray(),
    [store, pair.id],
  );
  const receipts = useLive(
    () => store.db.programmeReceipts.where('pairId').equals(pair.id).toArray(),
    [store, pair.id],
  );
  if (!enrolments || enrolments.length === 0 || !consents || !receipts) return null;
  return (
    <>
      {enrolments.map((enrolment) => (
        <ProgrammeCard
          key={enrolment.id}
          pair={pair}
          enrolment={enrolment}
          consents={consents.filter((c) => c.enrolmentRecordId === enrolment.id)}
          receipts={receipts.filter((r) => r.enrolmentRecordId === enrolment.id && !r.deleted)}
        />
      ))}
    </>
  );
}

function ProgrammeCard({
  pair,
  enrolment,
  consents,
  receipts,
}: {
  pair: Pair;
  enrolment: ProgrammeEnrolment;
  consents: ProgrammeConsent[];
  receipts: ProgrammeReceipt[];
}) {
  const store = useStore();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  // Declining is leaving, for the whole pair and for good: asked once more.
  const [declining, setDeclining] = useState(false);
  const me = myMember(pair);
  const memberIds = pair.members.map((m) => m.id);
  const state = enrolmentStatus(enrolment, consents, memberIds);
  const programme = enrolment.programme;
  const headingId = `programme-${enrolment.programmeId}`;

  // Whichever member's browser sees that everyone agreed registers the pair.
  useEffect(() => {
    if (state.kind === 'agreed') {
      registerIfReady(store, enrolment.id).catch((e: unknown) => setError(message(e)));
    }
    if (state.kind === 'left') void retryWithdrawals(store).catch(() => undefined);
  }, [state.kind]);

  // What this month's milestones look like so far, from the same computation as a report.
  const now = Date.now();
  const thisMonth = new Date(now);
  const period = `${thisMonth.getFullYear()}-${String(thisMonth.getMonth() + 1).padStart(2, '0')}`;
  const [reached, setReached] = useState<Record<string, boolean>>({});
  const due =
    state.kind === 'enrolled' ? unsentPeriods(reportPeriods(enrolment, now), receipts) : [];
  const next = due[0];
  const [preview, setPreview] = useState<ProgrammeReport | null>(null);
  useEffect(() => {
    let live = true;
    previewReport(store, enrolment, period)
      .then((report) => live && setReached(report.milestones))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enrolment.id, period, receipts.length]);
  useEffect(() => {
    let live = true;
    setPreview(null);
    if (next && open) {
      previewReport(store, enrolment, next)
        .then((report) => live && setPreview(report))
        .catch((e: unknown) => live && setError(message(e)));
    }
    return () => {
      live = false;
    };
  }, [enrolment.id, next, open]);

  const sessions = useLive(() => sessionsOf(store.db, pair.id), [store, pair.id]);
  const phase = sessions ? currentPhase(pair, sessions, now) : undefined;
  const prompts = programme.prompts.filter((p) => !p.phase || p.phase === phase);

  const iAgreed = consents.some((c) => c.memberId === me && c.agreedAt && !c.withdrawnAt);
  const proposer = pair.members.find((m) => m.id === enrolment.proposedBy)?.name ?? '';

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const send = () =>
    act(async () => {
      if (!preview) return;
      const receipt = await sendReport(store, enrolment.id, preview);
      setStatus(
        receipt.alreadySent
          ? t('programme.alreadySent', monthName(receipt.period))
          : t('programme.sent', monthName(receipt.period)),
      );
    });

  return (
    <section class="section programme" aria-labelledby={headingId} data-testid="programme-home">
      <div class="section-head">
        <h2 id={headingId}>{t('programme.open', programme.name)}</h2>
      </div>
      <p class="muted" data-testid="programme-status">
        {state.kind === 'waiting' && state.waitingFor.length === 1 && state.waitingFor[0] === me
          ? t('programme.status.waitingForYou')
          : state.kind === 'waiting'
            ? t(
                'programme.status.waiting',
                new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format(
                  state.waitingFor.map((id) => pair.members.find((m) => m.id === id)?.name ?? id),
                ),
              )
            : t(`programme.status.${state.kind}`)}
      </p>
      {programme.milestones.length > 0 && state.kind !== 'left' && (
        <ul class="plain programme-milestones" aria-label={t('programme.milestonesHeading')}>
          {programme.milestones.map((m) => (
            <li key={m.id}>
              <span>{m.title}</span> <span class="muted">{formatDate(m.due)}</span>{' '}
              <span class={reached[m.id] ? 'badge done' : 'badge'}>
                {reached[m.id] ? t('programme.done') : t('programme.notYet')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.kind !== 'left' && prompts.length > 0 && (
        <details class="programme-prompts" data-testid="programme-prompts">
          <summary>{t('programme.promptsHeading', programme.name)}</summary>
          <ul class="plain">
            {prompts.map((p) => (
              <li key={p.text}>{p.text}</li>
            ))}
          </ul>
        </details>
      )}
      {state.kind === 'waiting' && me && !iAgreed && (
        <div class="programme-ask" data-testid="programme-ask">
          <p>{t('programme.ask', proposer, programme.name)}</p>
          <WhatItReceives programme={programme} headingLevel={3} />
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => act(() => agreeToEnrolment(store, enrolment.id, me))}
            >
              {t('programme.agree')}
            </button>
            <button type="button" disabled={busy} onClick={() => setDeclining(true)}>
              {t('programme.decline')}
            </button>
          </div>
          {declining && (
            <fieldset class="plain-fieldset">
              <legend class="visually-hidden">{t('programme.decline')}</legend>
              <p>{t('programme.leaveConfirm', programme.name)}</p>
              <div class="row">
                <button
                  type="button"
                  class="danger"
                  disabled={busy}
                  onClick={() => act(() => leaveProgramme(store, enrolment.id, me))}
                >
                  {t('programme.decline')}
                </button>
                <button type="button" onClick={() => setDeclining(false)}>
                  {t('programme.cancel')}
                </button>
              </div>
            </fieldset>
          )}
        </div>
      )}
      {state.kind === 'enrolled' && (
        <details
          class="programme-report"
          open={open}
          onToggle={(e) => setOpen(e.currentTarget.open)}
        >
          <summary>
            {next ? t('programme.preview', monthName(next)) : t('programme.receiptsHeading')}
          </summary>
          {!next && <p class="muted">{t('programme.nothingDue')}</p>}
          {next && preview && (
            <>
              <p>{t('programme.previewIntro')}</p>
              <ReportFigures report={preview} enrolment={enrolment} />
              <button type="button" class="primary" disabled={busy} onClick={send}>
                {busy ? t('programme.sending') : t('programme.send')}
              </button>
            </>
          )}
          <h3>{t('programme.receiptsHeading')}</h3>
          {receipts.length === 0 ? (
            <p class="muted">{t('programme.noReceipts')}</p>
          ) : (
            <ul class="plain" data-testid="programme-receipts">
              {[...receipts]
                .sort((a, b) => (a.period < b.period ? 1 : -1))
                .map((r) => (
                  <li key={r.id}>
                    <details>
                      <summary>
                        {r.alreadySent
                          ? t('programme.alreadySent', monthName(r.period))
                          : t('programme.receipt', monthName(r.period), formatDateTime(r.sentAt))}
                      </summary>
                      <ReportFigures report={r.report} enrolment={enrolment} />
                    </details>
                  </li>
                ))}
            </ul>
          )}
        </details>
      )}
      <ErrorText message={error} />
      <p role="status" class="muted">
        {status}
      </p>
    </section>
  );
}

/** The report's numbers, every one of them, in words: what leaves the browser. */
export function ReportFigures({
  report,
  enrolment,
}: {
  report: ProgrammeReport;
  enrolment: Pick<ProgrammeEnrolment, 'programme'>;
}) {
  const rows: [string, string][] = [
    [t('programme.figures.sessionsHeld'), String(report.sessionsHeld)],
    [
      t('programme.figures.rhythmKept'),
      report.rhythmKept ? t('programme.figures.yes') : t('programme.figures.no'),
    ],
    ...Object.entries(report.milestones).map(([id, done]): [string, string] => [
      enrolment.programme.milestones.find((m) => m.id === id)?.title ?? id,
      done ? t('programme.figures.yes') : t('programme.figures.no'),
    ]),
    [t('programme.figures.goalsActive'), String(report.goals.active)],
    [t('programme.figures.goalsAchieved'), String(report.goals.achieved)],
    [t('programme.figures.goalsPaused'), String(report.goals.paused)],
    [t('programme.figures.goalsDropped'), String(report.goals.dropped)],
    [t('programme.figures.actionsDone'), String(report.actionItems.done)],
    [t('programme.figures.actionsOpen'), String(report.actionItems.open)],
    ...report.usefulness.map((n, i): [string, string] => [
      t('programme.figures.usefulness', String(i + 1)),
      String(n),
    ]),
    ...mentorRoles.map((role): [string, string] => [
      t('programme.figures.roleUsed', t(`mentorRoles.name.${role}`)),
      String(report.rolesUsed[role]),
    ]),
  ];
  return (
    <dl class="facts programme-figures" data-testid="programme-figures">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
