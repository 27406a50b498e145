import { useState } from 'preact/hooks';
import { addAgendaItem } from '../utils/data/records/agenda-items';
import { setPairPhase } from '../utils/data/records/arc';
import type { Store } from '../utils/data/records/store';
import { plural, t } from '../utils/i18n';
import { agendaTemplate, itemsToAdd, type TemplateKind } from '../utils/mentoring/agenda-templates';
import { currentPhase, isMidpointSession, nextMilestone, nextPhase } from '../utils/mentoring/arc';
import { agendaOf } from '../utils/queries/agenda-items';
import { pairById } from '../utils/queries/pairs';
import { sessionsOf } from '../utils/queries/sessions';
import { type ArcPhase, arcPhases } from '../utils/schema/arc';
import type { Role } from '../utils/schema/common';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { ChoiceSelect, ErrorText } from './controls';
import { formatDate } from './format';
import { lazyView } from './lazy-view';
import { useAction } from './use-action';
import { useAutoFocus } from './use-auto-focus';
import { useLive, useStore } from './use-live';

/*
 * The relationship's arc in the panel (loaded when first shown): the phase strip and next
 * milestone on the pair's home, the mid-point or closing session's offer in Prep, the agenda's
 * template picker, and the closing form (components/closing.tsx, loaded in turn when a pair closes).
 */

const Closing = lazyView(() => import('./closing').then((m) => m.Closing));

export const phaseLabel = (phase: ArcPhase): string =>
  t(`arc.phase.${phase === 'winding-down' ? 'winding_down' : phase}`);

const kindLabel = (kind: TemplateKind): string =>
  kind === 'midpoint' ? t('arc.template.midpoint') : phaseLabel(kind);

function usePhase(pair: Pair) {
  const store = useStore();
  const sessions = useLive(() => sessionsOf(store.db, pair.id), [store, pair.id]);
  const [now] = useState(() => Date.now());
  return { sessions, phase: sessions && currentPhase(pair, sessions, now) };
}

export type ArcViewProps =
  | { place: 'home'; pair: Pair; session: Session | null }
  | { place: 'prep'; pair: Pair; session: Session }
  | { place: 'agenda'; session: Session; onClose: () => void };

/** The arc's views, one entry point for components/arc-view.tsx. */
export function ArcView(props: ArcViewProps) {
  if (props.place === 'home') return <ArcHome pair={props.pair} session={props.session} />;
  if (props.place === 'prep') return <ArcPrep pair={props.pair} session={props.session} />;
  return <AgendaTemplatePicker session={props.session} onClose={props.onClose} />;
}

/** The pair's home: where the pair is in its arc, the next milestone, and moving on. */
export function ArcHome({ pair, session }: { pair: Pair; session: Session | null }) {
  const store = useStore();
  const { sessions, phase } = usePhase(pair);
  const [confirming, setConfirming] = useState(false);
  const [moved, setMoved] = useState('');
  const [run, error] = useAction();
  const confirmRef = useAutoFocus<HTMLButtonElement>(confirming);
  // Focus goes back to "Move on to …" when the question is answered or cancelled.
  const [answered, setAnswered] = useState(false);
  const moveToRef = useAutoFocus<HTMLButtonElement>(answered && !confirming);
  const ask = (open: boolean) => {
    setAnswered(!open);
    setConfirming(open);
  };
  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') ask(false);
  };
  if (!sessions || !phase) return null;
  const milestone = nextMilestone(pair, sessions, phase);
  const next = nextPhase(phase);
  const move = async () => {
    if (!next) return;
    if (await run(() => setPairPhase(store, pair.id, next))) {
      ask(false);
      setMoved(t('arc.moved', phaseLabel(next)));
    }
  };
  return (
    <>
      <section aria-labelledby="arc-heading" class="section arc" data-testid="arc">
        <div class="section-head">
          <h2 id="arc-heading">{t('arc.heading')}</h2>
        </div>
        <ol class="arc-strip" aria-label={t('arc.phases')}>
          {arcPhases.map((p) => (
            <li
              key={p}
              class={
                p === phase
                  ? 'current'
                  : arcPhases.indexOf(p) < arcPhases.indexOf(phase)
                    ? 'past'
                    : ''
              }
              aria-current={p === phase ? 'step' : undefined}
            >
              <span class="arc-label">{phaseLabel(p)}</span>
            </li>
          ))}
        </ol>
        {/* Closing with no dates: nothing left to plan, so no "add dates to plan…" either. */}
        {(milestone || phase !== 'closing') && (
          <p class="arc-milestone" data-testid="arc-milestone">
            {milestone
              ? t(`arc.milestone.${milestone.kind}`, formatDate(milestone.date))
              : t('arc.milestone.none')}
          </p>
        )}
        {next &&
          (confirming ? (
            <div class="arc-confirm">
              <p class="arc-confirm-text">{t('arc.confirmMove', phaseLabel(next))}</p>
              <div class="actions">
                <button
                  type="button"
                  class="primary"
                  ref={confirmRef}
                  onClick={move}
                  onKeyDown={cancelOnEscape}
                >
                  {t('arc.move')}
                </button>
                <button type="button" onClick={() => ask(false)} onKeyDown={cancelOnEscape}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" ref={moveToRef} onClick={() => ask(true)}>
              {t('arc.moveTo', phaseLabel(next))}
            </button>
          ))}
        <p role="status" class="muted">
          {moved}
        </p>
        <ErrorText message={error} />
      </section>
      {phase === 'closing' && <Closing pair={pair} session={session} />}
    </>
  );
}

async function addItems(store: Store, session: Session, items: string[], role: Role) {
  for (const text of items) await addAgendaItem(store, session, text, role);
}

/** The template for a session: the mid-point review's, else the pair's phase's. */
function useTemplateKind(pair: Pair | undefined, session: Session): TemplateKind | undefined {
  const store = useStore();
  const sessions = useLive(() => sessionsOf(store.db, session.pairId), [store, session.pairId]);
  const [now] = useState(() => Date.now());
  if (!pair || !sessions) return undefined;
  return isMidpointSession(pair, session, sessions)
    ? 'midpoint'
    : currentPhase(pair, sessions, now);
}

/** Prep of the mid-point review or a closing session: says so and offers its template. */
export function ArcPrep({ pair, session }: { pair: Pair; session: Session }) {
  const kind = useTemplateKind(pair, session);
  if (kind !== 'midpoint' && kind !== 'closing') return null;
  return (
    <section class="section arc-prep" aria-labelledby="arc-prep-heading" data-testid="arc-prep">
      <h2 id="arc-prep-heading">{kindLabel(kind)}</h2>
      <p>{t(kind === 'midpoint' ? 'arc.midpointSession' : 'arc.closingSession')}</p>
      <TemplateAdder pair={pair} session={session} kind={kind} />
    </section>
  );
}

function TemplateAdder({
  pair,
  session,
  kind,
}: {
  pair: Pair;
  session: Session;
  kind: TemplateKind;
}) {
  const store = useStore();
  const agenda = useLive(() => agendaOf(store.db, session.id), [store, session.id]);
  const [run, error] = useAction();
  const [news, setNews] = useState('');
  const template = agendaTemplate(kind, pair);
  const missing = itemsToAdd(
    template,
    (agenda ?? []).map((i) => i.text),
  );
  const add = async () => {
    const items = missing;
    if (items.length === 0) return setNews(t('arc.template.nothingNew'));
    if (await run(() => addItems(store, session, items, pair.myRole)))
      setNews(plural('arc.template.added', items.length));
  };
  return (
    <>
      <ul class="arc-template" data-testid="arc-template">
        {template.map((text) => (
          <li key={text}>
            {text}
            {!missing.includes(text) && <span class="muted"> · {t('arc.template.onAgenda')}</span>}
          </li>
        ))}
      </ul>
      <button type="button" class="primary" disabled={!agenda} onClick={add}>
        {t('arc.template.use', kindLabel(kind))}
      </button>
      <p role="status" class="muted">
        {news}
      </p>
      <ErrorText message={error} />
    </>
  );
}

/**
 * Session templates of the programmes the pair is in (docs/programmes.md), beside Tandem's own,
 * each marked with its programme's name and added item by item like them.
 */
function ProgrammeTemplates({ pair, session }: { pair: Pair; session: Session }) {
  const store = useStore();
  const enrolments = useLive(
    () =>
      store.db.programmeEnrolments
        .where('pairId')
        .equals(pair.id)
        .filter((e) => !e.deleted && !e.leftAt)
        .toArray(),
    [store, pair.id],
  );
  const agenda = useLive(() => agendaOf(store.db, session.id), [store, session.id]);
  const [run, error] = useAction();
  const [news, setNews] = useState('');
  const templates = (enrolments ?? []).flatMap((e) =>
    e.programme.sessionTemplates.map((template, index) => ({
      key: `${e.id}:${index}`,
      programme: e.programme.name,
      template,
    })),
  );
  if (templates.length === 0) return null;
  return (
    <div data-testid="programme-templates">
      {templates.map(({ key, programme, template }) => {
        const missing = itemsToAdd(
          template.items,
          (agenda ?? []).map((i) => i.text),
        );
        const add = async () => {
          if (missing.length === 0) return setNews(t('arc.template.nothingNew'));
          if (await run(() => addItems(store, session, missing, pair.myRole)))
            setNews(plural('arc.template.added', missing.length));
        };
        return (
          <div key={key} class="programme-template">
            <h4>
              {template.title} <span class="badge">{t('programme.templatesFrom', programme)}</span>
            </h4>
            <ul class="arc-template">
              {template.items.map((text) => (
                <li key={text}>
                  {text}
                  {!missing.includes(text) && (
                    <span class="muted"> · {t('arc.template.onAgenda')}</span>
                  )}
                </li>
              ))}
            </ul>
            <button type="button" disabled={!agenda} onClick={add}>
              {t('programme.templateUse', template.title)}
            </button>
          </div>
        );
      })}
      <p role="status" class="muted">
        {news}
      </p>
      <ErrorText message={error} />
    </div>
  );
}

/** The agenda's template picker: a phase's (or the mid-point review's) items, added once each. */
export function AgendaTemplatePicker({
  session,
  onClose,
}: {
  session: Session;
  onClose: () => void;
}) {
  const store = useStore();
  const pair = useLive(() => pairById(store.db, session.pairId), [store, session.pairId]);
  const suggested = useTemplateKind(pair, session);
  const [chosen, setChosen] = useState<TemplateKind | undefined>(undefined);
  const selectRef = useAutoFocus<HTMLDivElement>(true);
  const kind = chosen ?? suggested;
  return (
    <div class="arc-picker" data-testid="arc-picker" ref={selectRef} tabIndex={-1}>
      <h3>{t('arc.template.heading')}</h3>
      {pair && kind ? (
        <>
          <ChoiceSelect
            label={t('arc.template.for')}
            name="arc-template"
            value={kind}
            options={
              [...arcPhases.slice(0, 3), 'midpoint', ...arcPhases.slice(3)] as TemplateKind[]
            }
            labelOf={kindLabel}
            onChange={setChosen}
          />
          <TemplateAdder pair={pair} session={session} kind={kind} />
          <ProgrammeTemplates pair={pair} session={session} />
        </>
      ) : (
        <p class="muted">{t('common.loading')}</p>
      )}
      <button type="button" onClick={onClose}>
        {t('arc.template.close')}
      </button>
    </div>
  );
}
