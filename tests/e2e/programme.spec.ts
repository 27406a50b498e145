import { mkdirSync } from 'node:fs';
import {
  canonicalJson,
  encodeEnrolmentCode,
  enrolRequest,
  type ProgrammeDefinition,
  signedReport,
  withdrawalMessage,
  withdrawRequest,
} from '@tandem/protocol/programme';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Sidecar, startSidecar } from '../integration/harness';
import { describeViolations, runAxe } from './axe';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { createPair, holdSession, openTab, readTable } from './panel-page';
import { joinPair, type SidecarProxy, sharePair, sidecarProxy } from './sharing';

/*
 * A pair joins a programme and reports to it, as both members do it: the mentor pastes the
 * enrolment code on the options page and agrees, the mentee agrees in the panel, the month's
 * report is previewed and sent, the other browser's send of the same month counts as already
 * sent, and leaving sends a signed withdrawal. The programme's sidecar is a fake served by
 * context.route that validates every body with the protocol's schemas and verifies every
 * signature, as the real one must; the pair's own sync runs through a real sidecar.
 */

const SHOTS = '/tmp/shots-programme';
const NARROW = { width: 380, height: 1100 };
const ORIGIN = 'https://programme.example.org';
const CANARY = 'quokkacanary';

const PROGRAMME: ProgrammeDefinition = {
  id: 'PPPPPPPPPPPPPPPPPPPPPP',
  version: 1,
  name: 'Spring cohort',
  startsOn: '2026-10-01',
  endsOn: '2027-03-31',
  milestones: [
    { id: 'agreement', kind: 'agreement', title: 'Agreement signed', due: '2026-10-31' },
    { id: 'midpoint', kind: 'midpoint', title: 'Mid-point review', due: '2026-12-31' },
  ],
  agreementTemplate: '',
  prompts: [{ text: 'What surprised you this month?' }],
  sessionTemplates: [{ title: 'Cohort check-in', items: ['Wins since last time', 'One obstacle'] }],
  feedbackQuestions: ['What would you tell a pair starting the programme?'],
  minGroupSize: 5,
};
const SECRET = 'k'.repeat(43);
const CODE = encodeEnrolmentCode({ sidecar: ORIGIN, programmeId: PROGRAMME.id, secret: SECRET });

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(Buffer.from(text, 'base64url'));
}

/** The programme's sidecar: what a pair's browsers send, checked as the real one checks it. */
function fakeProgramme() {
  const state = {
    bodies: [] as string[],
    keys: new Map<string, string>(),
    received: new Map<string, unknown>(),
    withdrawn: new Set<string>(),
    refusals: [] as string[],
  };
  const json = (status: number, body: unknown) => ({
    status,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  const verify = async (publicKey: string, message: unknown, signature: string) => {
    const key = await crypto.subtle.importKey(
      'raw',
      fromBase64url(publicKey),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    return crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      fromBase64url(signature),
      new TextEncoder().encode(canonicalJson(message)),
    );
  };
  async function answer(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ) {
    if (body) state.bodies.push(body);
    const base = `/programmes/${PROGRAMME.id}`;
    if (method === 'GET' && path === base) {
      if (headers['x-enrolment-secret'] !== SECRET)
        return json(403, { error: { code: 'forbidden', message: 'no' } });
      return json(200, { programme: PROGRAMME });
    }
    if (method === 'POST' && path === `${base}/enrolments`) {
      const parsed = enrolRequest.safeParse(JSON.parse(body));
      if (!parsed.success || parsed.data.secret !== SECRET) {
        state.refusals.push('enrol');
        return json(400, { error: { code: 'bad_request', message: 'no' } });
      }
      const digest = await crypto.subtle.digest('SHA-256', fromBase64url(parsed.data.publicKey));
      const id = Buffer.from(digest).toString('base64url');
      state.keys.set(id, parsed.data.publicKey);
      return json(201, { enrolmentId: id });
    }
    if (method === 'POST' && path === `${base}/reports`) {
      const parsed = signedReport.safeParse(JSON.parse(body));
      const key = parsed.success ? state.keys.get(parsed.data.enrolmentId) : undefined;
      if (!parsed.success || !key) {
        state.refusals.push('report');
        return json(403, { error: { code: 'not_enrolled', message: 'no' } });
      }
      if (!(await verify(key, parsed.data.report, parsed.data.signature))) {
        state.refusals.push('signature');
        return json(400, { error: { code: 'bad_signature', message: 'no' } });
      }
      if (state.withdrawn.has(parsed.data.enrolmentId))
        return json(403, { error: { code: 'withdrawn', message: 'no' } });
      if (state.received.has(parsed.data.report.period)) {
        return json(409, { error: { code: 'duplicate_report', message: 'no' } });
      }
      state.received.set(parsed.data.report.period, parsed.data.report);
      return json(201, { period: parsed.data.report.period, receivedAt: 1_800_000_000_000 });
    }
    const withdraw = path.match(/^\/programmes\/[^/]+\/enrolments\/([A-Za-z0-9_-]{43})$/);
    if (method === 'DELETE' && withdraw?.[1]) {
      const id = withdraw[1];
      const parsed = withdrawRequest.safeParse(JSON.parse(body));
      const key = state.keys.get(id);
      if (
        !parsed.success ||
        !key ||
        !(await verify(key, withdrawalMessage(PROGRAMME.id, id), parsed.data.signature))
      ) {
        state.refusals.push('withdraw');
        return json(400, { error: { code: 'bad_signature', message: 'no' } });
      }
      state.withdrawn.add(id);
      return { status: 204, body: '' };
    }
    return json(404, { error: { code: 'not_found', message: 'no' } });
  }
  return {
    state,
    async serve(context: BrowserContext) {
      await context.route(`${ORIGIN}/**`, async (route) => {
        const request = route.request();
        const url = new URL(request.url());
        const response = await answer(
          request.method(),
          url.pathname,
          request.headers(),
          request.postData() ?? '',
        );
        await route.fulfill({ ...response, headers: { 'access-control-allow-origin': '*' } });
      });
    },
  };
}

let sidecar: Sidecar;
let proxy: SidecarProxy;
const browsers: ExtensionBrowser[] = [];
beforeAll(async () => {
  sidecar = await startSidecar();
  proxy = await sidecarProxy(sidecar.url);
});
afterAll(async () => {
  for (const browser of browsers.splice(0)) await browser.close({ removeProfile: true });
  await proxy?.close();
  await sidecar?.dispose();
});

async function launch(lang?: string) {
  const browser = await launchExtension({
    preGrantedOrigins: [`${proxy.url}/*`, `${ORIGIN}/*`],
    lang,
  });
  browsers.push(browser);
  return browser;
}

async function at(browser: ExtensionBrowser, time: string) {
  await browser.context.clock.setFixedTime(new Date(time));
}

async function shoot(page: Page, locator: string, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page
      .getByTestId(locator)
      .first()
      .screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** axe over the whole page, in light and in dark. */
async function noAxeViolations(page: Page) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await runAxe(page);
    expect(violations, `${scheme}: ${describeViolations(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('a pair in a programme', () => {
  test('both agree, the preview is what is sent, the other browser’s send is already sent, leaving withdraws', async () => {
    const fake = fakeProgramme();
    const mentor = await launch();
    const mentee = await launch();
    await fake.serve(mentor.context);
    await fake.serve(mentee.context);

    // The pair, with words the programme must never see.
    const mentorPanel = await mentor.openPanel();
    await mentorPanel.setViewportSize(NARROW);
    await createPair(mentorPanel, {
      title: `Sam and Alex ${CANARY}`,
      myRole: 'mentor',
      members: [
        { name: 'Sam', role: 'mentor' },
        { name: 'Alex', role: 'mentee' },
      ],
      rhythm: `Monthly ${CANARY}`,
    });
    await holdSession(mentorPanel, '2026-11-10T10:00');
    await openTab(mentorPanel, 'Review');

    const { options: mentorOptions, code } = await sharePair(mentor, proxy.url);
    await joinPair(mentee, code, mentorOptions);

    // November: the mentor proposes the programme on the options page.
    await at(mentor, '2026-11-15T10:00:00');
    await at(mentee, '2026-11-15T10:00:00');
    await mentorOptions.reload();
    await mentorOptions.setViewportSize(NARROW);
    const section = mentorOptions.getByTestId('programmes');
    await section.getByLabel('Enrolment code').fill('tandem-programme:not-a-code');
    await section.getByRole('button', { name: 'Look up the programme' }).click();
    await expect
      .poll(() => section.getByRole('alert').textContent())
      .toContain('not an enrolment code');
    await section.getByLabel('Enrolment code').fill(CODE);
    await section.getByRole('button', { name: 'Look up the programme' }).click();
    const offer = section.getByTestId('programme-offer');
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toContain('how many sessions you held');
    expect(await offer.textContent()).toContain('It never receives');
    expect(await offer.getByTestId('programme-milestones').textContent()).toContain(
      'Mid-point review',
    );
    await noAxeViolations(mentorOptions);
    await shoot(mentorOptions, 'programmes', 'options-offer-en');
    await offer.getByRole('button', { name: 'Agree and join' }).click();
    const status = section.getByTestId('programme-status');
    await expect.poll(() => status.textContent()).toBe('Waiting for Alex to agree');
    expect(fake.state.keys.size).toBe(0);
    await shoot(mentorOptions, 'programmes', 'options-waiting-en');

    // The mentee sees what it would receive, and agrees; then the pair is registered.
    const menteePanel = await mentee.openPanel();
    await menteePanel.setViewportSize(NARROW);
    await openTab(menteePanel, 'Review');
    const ask = menteePanel.getByTestId('programme-ask');
    await expect.poll(() => ask.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await ask.textContent()).toContain('Sam asked to join Spring cohort');
    // The one still to agree is this browser's member: the status says "you", not "Alex".
    expect(await menteePanel.getByTestId('programme-status').textContent()).toBe(
      'Waiting for you to agree',
    );
    await noAxeViolations(menteePanel);
    await shoot(menteePanel, 'programme-home', 'panel-ask-en');
    await ask.getByRole('button', { name: 'Agree' }).click();
    await expect.poll(() => fake.state.keys.size, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Enrolled');

    // The programme's prompts on the pair's home, its session templates beside Tandem's own.
    const prompts = menteePanel.getByTestId('programme-prompts');
    await expect.poll(() => prompts.isVisible(), { timeout: 15_000 }).toBe(true);
    await prompts.getByText('Prompts from Spring cohort').click();
    expect(await prompts.textContent()).toContain('What surprised you this month?');
    await openTab(menteePanel, 'Prep');
    await menteePanel.getByRole('button', { name: 'Agenda template' }).click();
    const templates = menteePanel.getByTestId('programme-templates');
    await expect.poll(() => templates.isVisible()).toBe(true);
    expect(await templates.textContent()).toContain('From Spring cohort');
    await templates.getByRole('button', { name: 'Use “Cohort check-in”' }).click();
    await expect
      .poll(async () =>
        (await readTable(menteePanel, 'tandem', 'agendaItems')).map((i) => i.text).sort(),
      )
      .toEqual(['One obstacle', 'Wins since last time']);

    // The programme's feedback question is asked after the session, beside Tandem's own; the
    // answer is a reflection like the others: private until its author shares it.
    await openTab(menteePanel, 'Review');
    const question = menteePanel
      .getByTestId('reflection-offer')
      .filter({ hasText: 'What would you tell a pair starting the programme?' });
    await expect.poll(() => question.count(), { timeout: 15_000 }).toBe(1);
    expect(await question.textContent()).toContain('From Spring cohort');
    await question.getByRole('button', { name: 'Answer' }).click();
    await expect
      .poll(async () =>
        (await readTable(menteePanel, 'tandem-private', 'reflections')).map((r) => r.prompt),
      )
      .toContain('What would you tell a pair starting the programme?');
    expect(await question.count()).toBe(0);

    // December: November's report is offered in both browsers.
    await at(mentor, '2026-12-03T10:00:00');
    await at(mentee, '2026-12-03T10:00:00');
    await mentorPanel.reload();
    await menteePanel.reload();
    for (const panel of [mentorPanel, menteePanel]) {
      await openTab(panel, 'Review');
      const summary = panel.getByText('Report for November 2026: preview');
      await expect.poll(() => summary.isVisible(), { timeout: 15_000 }).toBe(true);
      await summary.click();
      await expect
        .poll(() => panel.getByTestId('programme-figures').first().isVisible())
        .toBe(true);
    }
    const figures =
      (await menteePanel.getByTestId('programme-figures').first().textContent()) ?? '';
    expect(figures).toMatch(/Sessions held\s*1/);
    expect(figures).toMatch(/Agreement signed\s*yes/);
    await noAxeViolations(menteePanel);
    await shoot(menteePanel, 'programme-home', 'panel-preview-en');

    // The mentor's browser is offline from the pair's sync: it cannot learn the mentee sent.
    proxy.disconnect();
    await menteePanel.getByRole('button', { name: 'Send report' }).click();
    await expect
      .poll(() => menteePanel.getByRole('status').filter({ hasText: 'sent' }).count())
      .toBeGreaterThan(0);
    const sent = fake.state.received.get('2026-11') as Record<string, unknown>;
    // One session in a month, every two weeks agreed: the rhythm was not kept.
    expect(sent).toMatchObject({ period: '2026-11', sessionsHeld: 1, rhythmKept: false });
    expect(figures).toMatch(/Rhythm kept\s*no/);
    // What the preview showed is what was sent: the receipt keeps the very report.
    const receipts = await readTable(menteePanel, 'tandem', 'programmeReceipts');
    expect(receipts).toHaveLength(1);
    expect(canonicalJson(receipts[0]?.report)).toBe(canonicalJson(sent));
    expect(figures).toMatch(
      new RegExp(
        `Action items done\\s*${sent.actionItems && (sent.actionItems as { done: number }).done}`,
      ),
    );
    await expect
      .poll(() => menteePanel.getByTestId('programme-receipts').textContent())
      .toContain('November 2026 — sent');

    await mentorPanel.getByRole('button', { name: 'Send report' }).click();
    await expect
      .poll(() => mentorPanel.getByTestId('programme-receipts').textContent())
      .toContain("already sent from another member's browser");
    expect(fake.state.received.size).toBe(1);
    proxy.reconnect();

    // Leaving: the withdrawal is signed and sent; no more reports from either browser.
    await mentorOptions.reload();
    await section.getByRole('button', { name: 'Leave programme' }).click();
    await section.getByRole('button', { name: 'Leave', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('Left');
    await expect.poll(() => fake.state.withdrawn.size).toBe(1);
    await expect
      .poll(() => menteePanel.getByTestId('programme-status').textContent(), { timeout: 15_000 })
      .toBe('Left');
    expect(await menteePanel.getByRole('button', { name: 'Send report' }).count()).toBe(0);

    // Nothing the pair wrote, and no name, ever reached the programme.
    expect(fake.state.refusals).toEqual([]);
    for (const body of fake.state.bodies) {
      for (const word of [CANARY, 'Sam', 'Alex', 'Monthly']) expect(body).not.toContain(word);
    }
  });
});

describe('the programme views in German', () => {
  test('the options section and the pair’s home read in German, with no axe violations', async () => {
    const fake = fakeProgramme();
    const german = await launch('de');
    await fake.serve(german.context);
    const panel = await german.openPanel();
    await panel.setViewportSize(NARROW);
    await panel.getByRole('button', { name: 'Verstanden' }).click();
    const form = panel.getByRole('form', { name: 'Neues Mentoring-Tandem' });
    await form.getByLabel('Titel').fill('Sam und Alex');
    await form.locator('input[name="member-name-0"]').fill('Sam');
    await form.locator('select[name="member-role-0"]').selectOption('mentor');
    await form.locator('input[name="member-name-1"]').fill('Alex');
    await form.locator('select[name="member-role-1"]').selectOption('mentee');
    await form.getByRole('button', { name: 'Tandem anlegen' }).click();
    await expect.poll(() => panel.getByRole('tab', { name: 'Rückblick' }).isVisible()).toBe(true);

    const options = await german.context.newPage();
    await options.setViewportSize(NARROW);
    await options.goto(`chrome-extension://${german.extensionId}/options.html#programmes`);
    const section = options.getByTestId('programmes');
    await section.getByLabel('Teilnahmecode').fill(CODE);
    await section.getByRole('button', { name: 'Programm abrufen' }).click();
    const offer = section.getByTestId('programme-offer');
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toContain('Was das Programm erhält');
    await shoot(options, 'programmes', 'options-offer-de');
    await noAxeViolations(options);
    await section.getByRole('button', { name: 'Zustimmen und teilnehmen' }).click();
    await expect
      .poll(() => section.getByTestId('programme-status').textContent())
      .toBe('Wartet auf die Zustimmung von Alex');

    await panel.getByRole('tab', { name: 'Rückblick' }).click();
    const home = panel.getByTestId('programme-home');
    await expect.poll(() => home.isVisible()).toBe(true);
    expect(await home.textContent()).toContain('Programm: Spring cohort');
    await shoot(panel, 'programme-home', 'panel-home-de');
    await noAxeViolations(panel);
    // Nothing is sent before the other member agrees.
    expect(fake.state.keys.size).toBe(0);
  });
});
