// The programme dashboard (docs/sidecar.md, "Dashboard"): a coordinator signs in with the
// sidecar's operator token and reads one programme's figures. The page reads aggregates only
// (/programmes/:id/summary); every text is set with textContent, never as HTML. The token stays
// in sessionStorage and travels only in the Authorization header.
import { STRINGS } from './strings.js';

const TOKEN_KEY = 'tandem-operator-token';
const LANG_KEY = 'tandem-dashboard-lang';
const main = document.getElementById('main');
const langSelect = document.getElementById('lang');

function pickLanguage() {
  const saved = sessionStorage.getItem(LANG_KEY);
  if (saved && STRINGS[saved]) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (STRINGS[base]) return base;
  }
  return 'en';
}

let lang = pickLanguage();
const state = { programmes: [], programmeId: '', from: '', to: '', summary: null, error: '' };

function t(key, ...args) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\$(\d)/g, (_, i) => String(args[Number(i) - 1] ?? ''));
}

/** An element with attributes and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    else if (name === 'barWidth') element.style.width = `${value}%`;
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

const numberFormat = () => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
const percentFormat = () =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
function monthName(period) {
  const [year, month] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
function dayName(day) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** A figure's cell text: the number, or the words that say why there is none. */
function figure(value, format = numberFormat()) {
  return value === null || value === undefined
    ? h('span', { class: 'too-few' }, t('tooFew'))
    : h('span', {}, format.format(value));
}

class RequestError extends Error {}

async function call(path, accept = 'application/json') {
  const token = sessionStorage.getItem(TOKEN_KEY);
  let response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${token}`, accept },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new RequestError(t('errorOffline'));
  }
  if (response.ok) return response;
  let code = '';
  try {
    code = (await response.json()).error.code;
  } catch {}
  if (response.status === 401) throw new RequestError(t('errorToken'));
  if (code === 'programmes_disabled') throw new RequestError(t('errorDisabled'));
  if (response.status === 404) throw new RequestError(t('errorNotFound'));
  if (response.status === 429) throw new RequestError(t('errorBusy'));
  throw new RequestError(t('errorOther', response.status));
}

function render() {
  document.documentElement.lang = lang;
  document.title = t('pageTitle');
  document.getElementById('title').textContent = t('title');
  document.getElementById('lang-label').textContent = t('language');
  langSelect.value = lang;
  main.replaceChildren(sessionStorage.getItem(TOKEN_KEY) ? board() : signIn());
}

function signIn() {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-hint',
  });
  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' }, state.error);
  const form = h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        sessionStorage.setItem(TOKEN_KEY, token);
        state.error = '';
        try {
          await loadProgrammes();
          render();
          main.focus();
        } catch (failure) {
          sessionStorage.removeItem(TOKEN_KEY);
          state.error = failure instanceof RequestError ? failure.message : t('errorOffline');
          render();
          document.getElementById('token')?.focus();
        }
      },
    },
    h('label', { for: 'token' }, t('token'), input),
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
  );
  return h(
    'section',
    { class: 'card signin', 'aria-labelledby': 'signin-heading' },
    h('h2', { id: 'signin-heading' }, t('signInHeading')),
    h('p', { id: 'token-hint', class: 'muted' }, t('tokenHint')),
    form,
    error,
  );
}

/** The programme's months so far: from its start to the last month that has ended. */
function setRange(programme) {
  if (!programme) {
    state.from = '';
    state.to = '';
    return;
  }
  const now = new Date();
  const lastEnded = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
  const start = programme.startsOn.slice(0, 7);
  const end = programme.endsOn.slice(0, 7);
  state.from = start;
  state.to = lastEnded < start || lastEnded > end ? end : lastEnded;
}

async function loadProgrammes() {
  const response = await call('/programmes');
  state.programmes = (await response.json()).programmes;
  const chosen = state.programmes.find((p) => p.id === state.programmeId) ?? state.programmes[0];
  state.programmeId = chosen?.id ?? '';
  setRange(chosen);
  state.summary = null;
  if (chosen) await loadSummary();
}

async function loadSummary() {
  const query = new URLSearchParams({ from: state.from, to: state.to });
  const response = await call(
    `/programmes/${encodeURIComponent(state.programmeId)}/summary?${query}`,
  );
  state.summary = await response.json();
  state.error = '';
}

async function downloadCsv() {
  const query = new URLSearchParams({ from: state.from, to: state.to });
  const response = await call(
    `/programmes/${encodeURIComponent(state.programmeId)}/summary.csv?${query}`,
    'text/csv',
  );
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: `programme-${state.programmeId}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Runs an action; a failure is said in words in the board's alert line. */
async function attempt(action, focusId) {
  try {
    await action();
  } catch (failure) {
    state.error = failure instanceof RequestError ? failure.message : t('errorOffline');
  }
  render();
  if (focusId) document.getElementById(focusId)?.focus();
}

function board() {
  const signOut = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        sessionStorage.removeItem(TOKEN_KEY);
        Object.assign(state, { programmes: [], programmeId: '', summary: null, error: '' });
        render();
        document.getElementById('token')?.focus();
      },
    },
    t('signOut'),
  );
  if (state.programmes.length === 0) {
    return h(
      'div',
      {},
      h('div', { class: 'toolbar card' }, h('p', { class: 'spacer' }, t('noProgrammes')), signOut),
      h('p', { class: 'error', role: 'alert' }, state.error),
    );
  }
  const programme = h(
    'select',
    {
      id: 'programme',
      onchange: (event) =>
        attempt(async () => {
          state.programmeId = event.target.value;
          const chosen = state.programmes.find((p) => p.id === state.programmeId);
          setRange(chosen);
          await loadSummary();
        }, 'programme'),
    },
    state.programmes.map((p) =>
      h('option', { value: p.id, selected: p.id === state.programmeId }, p.name),
    ),
  );
  const from = h('input', { id: 'from', type: 'month', value: state.from, required: true });
  const to = h('input', { id: 'to', type: 'month', value: state.to, required: true });
  const filters = h(
    'form',
    {
      class: 'toolbar card',
      'aria-label': t('filters'),
      onsubmit: (event) => {
        event.preventDefault();
        if (from.value && to.value && from.value > to.value) {
          state.error = t('errorRange');
          render();
          document.getElementById('from')?.focus();
          return;
        }
        attempt(async () => {
          state.from = from.value || state.from;
          state.to = to.value || state.to;
          await loadSummary();
        }, 'show');
      },
    },
    h('label', { for: 'programme' }, t('programme'), programme),
    h('label', { for: 'from' }, t('from'), from),
    h('label', { for: 'to' }, t('to'), to),
    h('button', { type: 'submit', id: 'show', class: 'primary' }, t('show')),
    h('span', { class: 'spacer' }),
    h(
      'button',
      { type: 'button', id: 'csv', onclick: () => attempt(downloadCsv, 'csv') },
      t('csv'),
    ),
    signOut,
  );
  return h(
    'div',
    {},
    filters,
    h('p', { class: 'error', role: 'alert' }, state.error),
    state.summary ? figures(state.summary) : null,
  );
}

function barRow(label, value, max, alt = false) {
  const width = value === null || max <= 0 ? 0 : Math.round((value / max) * 100);
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, label),
    h('td', { class: 'num' }, figure(value)),
    h(
      'td',
      { class: 'bar-cell', 'aria-hidden': 'true' },
      value === null ? null : h('span', { class: alt ? 'bar alt' : 'bar', barWidth: width }),
    ),
  );
}

function table(caption, columns, rows) {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, c)),
        // The bars repeat the numbers: their column is named for screen readers only.
        columns.length === 2
          ? h('th', { scope: 'col', class: 'visually-hidden' }, t('chart'))
          : null,
      ),
    ),
    h('tbody', {}, rows),
  );
}

const maxOf = (values) => Math.max(0, ...values.filter((v) => v !== null));

function figures(summary) {
  const percent = percentFormat();
  const sessions = summary.months.map((m) => m.sessions);
  const useful = summary.usefulness;
  const roles = ['advisor', 'challenger', 'connector', 'supporter'];
  const statuses = ['active', 'achieved', 'paused', 'dropped'];
  const goalMax = maxOf(statuses.map((s) => summary.goals[s]));
  const roleMax = maxOf(roles.map((r) => summary.rolesUsed[r]));
  return h(
    'div',
    { 'aria-live': 'polite' },
    h(
      'h2',
      { id: 'programme-heading' },
      t('figuresFor', summary.programme.name, monthName(summary.from), monthName(summary.to)),
    ),
    h(
      'dl',
      { class: 'totals' },
      h(
        'div',
        { class: 'card total' },
        h('dt', {}, t('enrolled')),
        h('dd', {}, figure(summary.enrolled)),
      ),
      h(
        'div',
        { class: 'card total' },
        h('dt', {}, t('active')),
        h('dd', {}, figure(summary.active)),
      ),
      h(
        'div',
        { class: 'card total' },
        h('dt', {}, t('actionsDone')),
        h('dd', {}, figure(summary.actionItems.done)),
      ),
      h(
        'div',
        { class: 'card total' },
        h('dt', {}, t('actionsOpen')),
        h('dd', {}, figure(summary.actionItems.open)),
      ),
    ),
    h(
      'div',
      { class: 'grid' },
      h(
        'section',
        { class: 'card', 'data-figure': 'months' },
        table(
          t('sessionsCaption'),
          [t('month'), t('sessions'), t('rhythm')],
          summary.months.map((m) => {
            const width =
              m.sessions === null
                ? 0
                : Math.round((m.sessions / Math.max(1, maxOf(sessions))) * 100);
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, monthName(m.period)),
              h(
                'td',
                { class: 'num' },
                figure(m.sessions),
                m.sessions === null
                  ? null
                  : h('span', { class: 'bar', barWidth: width, 'aria-hidden': 'true' }),
              ),
              h('td', { class: 'num' }, figure(m.rhythmKept, percent)),
            );
          }),
        ),
      ),
      h(
        'section',
        { class: 'card', 'data-figure': 'milestones' },
        table(
          t('milestonesCaption'),
          [t('milestone'), t('due'), t('reached')],
          summary.programme.milestones.map((m) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, m.title),
              h('td', {}, dayName(m.due)),
              h('td', { class: 'num' }, figure(summary.milestones[m.id] ?? null, percent)),
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card', 'data-figure': 'goals' },
        table(
          t('goalsCaption'),
          [t('status'), t('count')],
          statuses.map((s) => barRow(t(`goal_${s}`), summary.goals[s], goalMax)),
        ),
      ),
      h(
        'section',
        { class: 'card', 'data-figure': 'usefulness' },
        table(
          t('usefulCaption'),
          [t('score'), t('answers')],
          useful.map((value, i) => barRow(t('scoreOf', i + 1), value, maxOf(useful))),
        ),
      ),
      h(
        'section',
        { class: 'card', 'data-figure': 'roles' },
        table(
          t('rolesCaption'),
          [t('role'), t('times')],
          roles.map((r) => barRow(t(`role_${r}`), summary.rolesUsed[r], roleMax, true)),
        ),
      ),
    ),
    h('p', { class: 'muted note' }, t('minimumNote', summary.programme.minGroupSize)),
  );
}

langSelect.addEventListener('change', () => {
  lang = STRINGS[langSelect.value] ? langSelect.value : 'en';
  sessionStorage.setItem(LANG_KEY, lang);
  const focused = document.activeElement?.id;
  render();
  if (focused) document.getElementById(focused)?.focus();
});

async function start() {
  render();
  if (sessionStorage.getItem(TOKEN_KEY)) await attempt(loadProgrammes);
}
start();
