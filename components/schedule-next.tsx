import { useEffect, useRef, useState } from 'preact/hooks';
import {
  agendaDescription,
  type CalendarEvent,
  DEFAULT_DURATION_MINUTES,
  DURATION_CHOICES,
  eventTimes,
  icsFileName,
  nextSessionStart,
  videoLinkOf,
} from '../utils/calendar/event';
import { icsText, newUid } from '../utils/calendar/ics';
import { googleCalendarUrl, outlookCalendarUrl } from '../utils/calendar/links';
import { recurrenceRule } from '../utils/calendar/recurrence';
import { plural, t } from '../utils/i18n';
import { agendaOf } from '../utils/queries/agenda-items';
import { sessionsOf } from '../utils/queries/sessions';
import type { Pair } from '../utils/schema/pair';
import type { Session } from '../utils/schema/session';
import { downloadText } from './copy';
import { formatTimeRange } from './format';
import { cadenceLabel } from './pair-form';
import { useLive, useStore } from './use-live';

/**
 * The next session as a calendar event: Tandem writes nothing and sends nothing, it fills in a
 * new event in Google Calendar or Outlook on the web (a link that opens in a new tab) or saves
 * an .ics file. The title is neutral by default (calendars are often shared with assistants
 * and colleagues); the agenda goes in only when the user ticks a box that says who can read it.
 * Notes and private text never go in.
 */
export function ScheduleNext({
  id,
  pair,
  session,
  lastHeld,
  onClose,
}: {
  id: string;
  pair: Pair;
  session: Session;
  lastHeld?: Session;
  onClose: () => void;
}) {
  const store = useStore();
  const sessions = useLive(() => sessionsOf(store.db, pair.id), [store, pair.id]);
  const agenda = useLive(() => agendaOf(store.db, session.id), [store, session.id]);
  const [start, setStart] = useState(() => nextSessionStart(session, lastHeld, pair.cadenceDays));
  const [duration, setDuration] = useState(DEFAULT_DURATION_MINUTES);
  const [title, setTitle] = useState(() => t('calendar.defaultTitle'));
  const [repeat, setRepeat] = useState(false);
  const [count, setCount] = useState('');
  const [withAgenda, setWithAgenda] = useState(false);
  const [saved, setSaved] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const videoLink = videoLinkOf(session, sessions ?? [], pair.matchRules.urls);
  const agendaText = agendaDescription(t('calendar.agendaHeading'), agenda ?? []);
  const valid = start !== '' && !Number.isNaN(new Date(start).getTime());
  const sessionCount = Number.parseInt(count, 10);
  const event: CalendarEvent = {
    title: title.trim() || t('calendar.defaultTitle'),
    start,
    durationMinutes: duration,
    description: withAgenda ? agendaText : '',
    url: videoLink,
    rrule: repeat
      ? recurrenceRule(pair.cadenceDays, {
          count: sessionCount >= 1 ? sessionCount : undefined,
        })
      : '',
  };
  const links = valid
    ? { google: googleCalendarUrl(event), outlook: outlookCalendarUrl(event) }
    : undefined;
  const when = valid
    ? (() => {
        const { start: from, end } = eventTimes(event);
        return formatTimeRange(from.toISOString(), end.toISOString());
      })()
    : '';

  return (
    <section
      id={id}
      class="card schedule-form"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(e) => {
        // Escape closes the form, as the panel's other forms do; focus goes back to its button.
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div class="section-head">
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
          {t('calendar.heading')}
        </h2>
        <button type="button" class="icon" onClick={onClose} aria-label={t('calendar.close')}>
          ×
        </button>
      </div>
      <p class="muted">{t('calendar.hint')}</p>
      <div class="schedule-when">
        <label>
          {t('calendar.when')}
          <input
            type="datetime-local"
            name="schedule-start"
            value={start}
            required
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('calendar.duration')}
          <select
            name="schedule-duration"
            value={String(duration)}
            onChange={(e) => setDuration(Number(e.currentTarget.value))}
          >
            {DURATION_CHOICES.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {plural('calendar.minutes', minutes)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {valid ? (
        <p class="muted" data-testid="schedule-when">
          {when}
        </p>
      ) : (
        <p class="error" role="alert">
          {t('calendar.invalidDate')}
        </p>
      )}
      <label>
        {t('calendar.title')}
        <input
          type="text"
          name="schedule-title"
          value={title}
          maxLength={200}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <p class="muted schedule-link" data-testid="schedule-video">
        {videoLink ? t('calendar.videoLink', videoLink) : t('calendar.noVideoLink')}
      </p>
      <label class="check">
        <input
          type="checkbox"
          name="schedule-repeat"
          checked={repeat}
          onChange={(e) => setRepeat(e.currentTarget.checked)}
        />
        {t('calendar.repeat', cadenceLabel(pair.cadenceDays))}
      </label>
      {repeat && (
        <label class="schedule-count">
          {t('calendar.count')}
          <input
            type="number"
            name="schedule-count"
            min={1}
            max={100}
            inputMode="numeric"
            value={count}
            onInput={(e) => setCount(e.currentTarget.value)}
          />
        </label>
      )}
      <label class="check">
        <input
          type="checkbox"
          name="schedule-agenda"
          checked={withAgenda}
          disabled={!agendaText}
          onChange={(e) => setWithAgenda(e.currentTarget.checked)}
        />
        <span>
          {t('calendar.agenda')}
          {!agendaText && agenda && <span class="muted"> {t('calendar.agendaEmpty')}</span>}
        </span>
      </label>
      <p class="muted">{t('calendar.private')}</p>
      <div class="actions schedule-actions">
        {links ? (
          <>
            <a class="button-link" href={links.google} target="_blank" rel="noopener noreferrer">
              {t('calendar.google')}
              <span class="visually-hidden"> {t('calendar.newTab')}</span>
            </a>
            <a class="button-link" href={links.outlook} target="_blank" rel="noopener noreferrer">
              {t('calendar.outlook')}
              <span class="visually-hidden"> {t('calendar.newTab')}</span>
            </a>
          </>
        ) : null}
        <button
          type="button"
          disabled={!valid}
          onClick={() => {
            const name = icsFileName(event);
            downloadText(
              name,
              icsText(event, { uid: newUid(), now: new Date() }),
              'text/calendar;charset=utf-8',
            );
            setSaved(name);
          }}
        >
          {t('calendar.ics')}
        </button>
      </div>
      {repeat && (
        <p class="muted" data-testid="schedule-outlook-repeat">
          {t('calendar.outlookNoRepeat')}
        </p>
      )}
      <p role="status" class="muted">
        {saved && t('calendar.saved', saved)}
      </p>
    </section>
  );
}
