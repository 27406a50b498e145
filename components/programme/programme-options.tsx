import {
  decodeEnrolmentCode,
  type EnrolmentCode,
  type ProgrammeDefinition,
} from '@tandem/protocol/programme';
import { useEffect, useState } from 'preact/hooks';
import { proposeEnrolment } from '../../utils/data/records/programmes';
import { t } from '../../utils/i18n';
import { myMember } from '../../utils/mentoring/my-member';
import { leaveProgramme, registerIfReady, retryWithdrawals } from '../../utils/programme/actions';
import { programmeClient } from '../../utils/programme/client';
import { enrolmentStatus } from '../../utils/programme/status';
import { activePairs } from '../../utils/queries/pairs';
import type { Pair } from '../../utils/schema/pair';
import type { ProgrammeConsent, ProgrammeEnrolment } from '../../utils/schema/programme';
import { ErrorText } from '../controls';
import { useLive, useStore } from '../use-live';
import { programmeDates, WhatItReceives } from './what-it-receives';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Member names for a status line ("Waiting for Alex and Sam to agree"). */
export function memberNames(pair: Pick<Pair, 'members'> | undefined, ids: readonly string[]) {
  const names = ids.map((id) => pair?.members.find((m) => m.id === id)?.name ?? id);
  return new Intl.ListFormat(document.documentElement.lang || undefined, {
    type: 'conjunction',
  }).format(names);
}

export function statusWords(
  enrolment: ProgrammeEnrolment,
  consents: readonly ProgrammeConsent[],
  pair: Pair | undefined,
): string {
  const status = enrolmentStatus(enrolment, consents, pair?.members.map((m) => m.id) ?? []);
  if (status.kind === 'waiting') {
    // Only this browser's member is missing: it says "you", not the user's own name.
    if (pair && status.waitingFor.length === 1 && status.waitingFor[0] === myMember(pair))
      return t('programme.status.waitingForYou');
    return t('programme.status.waiting', memberNames(pair, status.waitingFor));
  }
  return t(`programme.status.${status.kind}`);
}

/**
 * The options page's "Programmes" section: paste an enrolment code, see exactly what the
 * programme would receive, agree and join; then each pair's status, and leaving.
 */
export function ProgrammesSection({
  requestOrigin,
}: {
  /** The browser's permission prompt for the sidecar's origin; first thing in the click. */
  requestOrigin(pattern: string): Promise<boolean>;
}) {
  const store = useStore();
  const pairs = useLive(() => activePairs(store.db), [store]);
  const enrolments = useLive(
    () => store.db.programmeEnrolments.filter((e) => !e.deleted).toArray(),
    [store],
  );
  const consents = useLive(() => store.db.programmeConsents.toArray(), [store]);
  // An archived pair's enrolment is listed (and can be left) too.
  const allPairs = useLive(() => store.db.pairs.filter((p) => !p.deleted).toArray(), [store]);
  const [code, setCode] = useState('');
  const [found, setFound] = useState<{
    code: EnrolmentCode;
    programme: ProgrammeDefinition;
  } | null>(null);
  const [pairId, setPairId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  // Whoever's browser sees that everyone agreed registers the pair; a withdrawal the sidecar
  // did not confirm before is sent again.
  const agreedKey = (enrolments ?? [])
    .map((e) => `${e.id}:${e.enrolmentId ?? ''}:${e.leftAt ?? ''}:${e.withdrawnAt ?? ''}`)
    .join(' ');
  const consentKey = (consents ?? []).map((c) => `${c.id}:${c.agreedAt ?? ''}`).join(' ');
  useEffect(() => {
    if (!enrolments) return;
    for (const enrolment of enrolments) {
      if (!enrolment.leftAt && !enrolment.enrolmentId) {
        registerIfReady(store, enrolment.id).catch((e: unknown) => setError(message(e)));
      }
    }
    void retryWithdrawals(store).catch(() => undefined);
  }, [agreedKey, consentKey]);

  const lookUp = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    if (!code.trim()) return setError(t('programme.errors.emptyCode'));
    const decoded = decodeEnrolmentCode(code);
    if (!decoded) return setError(t('programme.errors.badCode'));
    // Asked first, while the click still counts as one.
    if (!(await requestOrigin(`${decoded.sidecar}/*`))) {
      return setError(t('programme.errors.permission', decoded.sidecar));
    }
    setBusy(true);
    setStatus(t('programme.lookingUp'));
    try {
      const programme = await programmeClient(decoded.sidecar).programme(
        decoded.programmeId,
        decoded.secret,
      );
      setFound({ code: decoded, programme });
      setPairId((current) => current || pairs?.[0]?.id || '');
      setStatus('');
    } catch (e) {
      setStatus('');
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const join = async () => {
    if (!found) return;
    setError(null);
    const pair = pairs?.find((p) => p.id === pairId);
    if (!pair) return setError(t('programme.errors.noPairs'));
    if (pair.members.length === 0) return setError(t('programme.errors.noMembers'));
    const memberId = myMember(pair);
    if (!memberId) return setError(t('programme.errors.noMyMember'));
    setBusy(true);
    try {
      const enrolment = await proposeEnrolment(store, {
        pairId: pair.id,
        memberId,
        sidecar: found.code.sidecar,
        programme: found.programme,
        secret: found.code.secret,
      });
      setFound(null);
      setCode('');
      setStatus(t('programme.joined', found.programme.name));
      await registerIfReady(store, enrolment.id);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section" aria-labelledby="programmes-heading" data-testid="programmes">
      <h2 id="programmes-heading">{t('programme.heading')}</h2>
      <p class="muted">{t('programme.intro')}</p>
      {!found && (
        <form onSubmit={lookUp}>
          <label>
            {t('programme.codeLabel')}
            <textarea
              name="enrolment-code"
              rows={2}
              spellcheck={false}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('programme.lookUp')}
          </button>
        </form>
      )}
      {found && (
        <div class="programme-offer" data-testid="programme-offer">
          <h3>{found.programme.name}</h3>
          <p>{programmeDates(found.programme)}</p>
          {pairs && pairs.length > 0 ? (
            <label>
              {t('programme.pairLabel')}
              <select
                name="programme-pair"
                value={pairId}
                onChange={(e) => setPairId(e.currentTarget.value)}
              >
                {pairs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p>{t('programme.errors.noPairs')}</p>
          )}
          <WhatItReceives programme={found.programme} headingLevel={4} />
          <div class="row">
            <button type="button" class="primary" disabled={busy} onClick={join}>
              {t('programme.agreeJoin')}
            </button>
            <button type="button" disabled={busy} onClick={() => setFound(null)}>
              {t('programme.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorText message={error} />
      <p role="status" class="muted">
        {status}
      </p>
      {enrolments && enrolments.length > 0 && (
        <>
          <h3>{t('programme.enrolmentsHeading')}</h3>
          <ul class="plain programme-enrolments" data-testid="programme-enrolments">
            {enrolments.map((enrolment) => (
              <EnrolmentRow
                key={enrolment.id}
                enrolment={enrolment}
                consents={consents ?? []}
                pair={allPairs?.find((p) => p.id === enrolment.pairId)}
                onMessage={setStatus}
                onError={setError}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function EnrolmentRow({
  enrolment,
  consents,
  pair,
  onMessage,
  onError,
}: {
  enrolment: ProgrammeEnrolment;
  consents: readonly ProgrammeConsent[];
  pair: Pair | undefined;
  onMessage(text: string): void;
  onError(text: string | null): void;
}) {
  const store = useStore();
  const [confirming, setConfirming] = useState(false);
  const name = enrolment.programme.name;
  const leave = async () => {
    setConfirming(false);
    onError(null);
    const memberId = pair ? myMember(pair) : undefined;
    if (!memberId) return onError(t('programme.errors.noMyMember'));
    try {
      const result = await leaveProgramme(store, enrolment.id, memberId);
      onMessage(
        result.withdrawal === 'pending'
          ? t('programme.leftPending', result.error ?? '')
          : t('programme.leftDone', name),
      );
    } catch (e) {
      onError(message(e));
    }
  };
  return (
    <li class="programme-enrolment">
      <strong>{t('programme.enrolmentLabel', name, pair?.title ?? '')}</strong>
      <span class="muted" data-testid="programme-status">
        {statusWords(enrolment, consents, pair)}
      </span>
      {!enrolment.leftAt &&
        (confirming ? (
          <fieldset class="plain-fieldset">
            <legend class="visually-hidden">{t('programme.leave')}</legend>
            <p>{t('programme.leaveConfirm', name)}</p>
            <div class="row">
              <button type="button" class="danger" onClick={leave}>
                {t('programme.leaveYes')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('programme.leaveNo')}
              </button>
            </div>
          </fieldset>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('programme.leave')}
          </button>
        ))}
    </li>
  );
}
