import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProgrammeSummary, programmeSummary } from '@tandem/protocol/programme';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Demo, startDemo } from '../../scripts/programme-demo/demo';
import { type Sidecar, startSidecar } from '../integration/harness';
import { type ExtensionBrowser, launchExtension } from './fixtures';
import { createPair, holdSession, openTab } from './panel-page';
import { joinPair, type SidecarProxy, sharePair, sidecarProxy } from './sharing';

/*
 * The extension and the real programme sidecar together (programme.spec.ts checks each step
 * against a fake; this one against `npm run programme:demo`'s sidecar, 12 pairs in already): a
 * pair enrols from the options page and the panel, sends November, the coordinator's figures
 * move by exactly that report, the other browser's send is refused as a duplicate and kept as
 * "already sent", and leaving takes the pair out of the count. Nothing the pair wrote reaches
 * the sidecar's files.
 */

const NARROW = { width: 380, height: 1100 };
const CANARY = 'wombatcanary';

let demo: Demo;
let sync: Sidecar;
let proxy: SidecarProxy;
const browsers: ExtensionBrowser[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'tandem-programme-e2e-'));

beforeAll(async () => {
  demo = await startDemo({ dataDir, now: new Date('2026-12-04T12:00:00Z') });
  sync = await startSidecar();
  proxy = await sidecarProxy(sync.url);
});
afterAll(async () => {
  for (const browser of browsers.splice(0)) await browser.close({ removeProfile: true });
  await proxy?.close();
  await sync?.dispose();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function summary(): Promise<ProgrammeSummary> {
  const response = await fetch(
    `${demo.url}/programmes/${demo.programme.id}/summary?from=2026-11&to=2026-11`,
    { headers: { authorization: `Bearer ${demo.operatorToken}` } },
  );
  return programmeSummary.parse(await response.json());
}

describe('a pair and the real programme sidecar', () => {
  test('enrols, reports November, is refused a duplicate, and leaves', async () => {
    const before = await summary();
    expect(before.enrolled).toBe(12);
    const launch = async () => {
      const browser = await launchExtension({
        preGrantedOrigins: [`${proxy.url}/*`, `${demo.url}/*`],
      });
      browsers.push(browser);
      await browser.context.clock.setFixedTime(new Date('2026-11-15T10:00:00'));
      return browser;
    };
    const mentor = await launch();
    const mentee = await launch();

    const mentorPanel = await mentor.openPanel();
    await mentorPanel.setViewportSize(NARROW);
    await createPair(mentorPanel, {
      title: `Sam and Alex ${CANARY}`,
      myRole: 'mentor',
      members: [
        { name: 'Sam', role: 'mentor' },
        { name: 'Alex', role: 'mentee' },
      ],
      rhythm: `Weekly ${CANARY}`,
    });
    for (const day of ['2026-11-03', '2026-11-10']) await holdSession(mentorPanel, `${day}T10:00`);
    const { options, code } = await sharePair(mentor, proxy.url);
    await joinPair(mentee, code, options);

    // The mentor proposes; the real sidecar hears nothing until the mentee agrees too.
    await options.reload();
    const section = options.getByTestId('programmes');
    await section.getByLabel('Enrolment code').fill(demo.enrolmentCode);
    await section.getByRole('button', { name: 'Look up the programme' }).click();
    const offer = section.getByTestId('programme-offer');
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toContain('Demo cohort: new team leads');
    await offer.getByRole('button', { name: 'Agree and join' }).click();
    const status = section.getByTestId('programme-status');
    await expect.poll(() => status.textContent()).toBe('Waiting for Alex to agree');
    expect((await summary()).enrolled).toBe(12);

    const menteePanel = await mentee.openPanel();
    await menteePanel.setViewportSize(NARROW);
    await openTab(menteePanel, 'Review');
    const ask = menteePanel.getByTestId('programme-ask');
    await expect.poll(() => ask.isVisible(), { timeout: 15_000 }).toBe(true);
    await ask.getByRole('button', { name: 'Agree' }).click();
    await expect.poll(async () => (await summary()).enrolled, { timeout: 15_000 }).toBe(13);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Enrolled');

    // December: the mentee previews November and sends it; the figures move by exactly that.
    for (const browser of [mentor, mentee])
      await browser.context.clock.setFixedTime(new Date('2026-12-03T10:00:00'));
    await mentorPanel.reload();
    await menteePanel.reload();
    for (const panel of [mentorPanel, menteePanel]) {
      await openTab(panel, 'Review');
      const preview = panel.getByText('Report for November 2026: preview');
      await expect.poll(() => preview.isVisible(), { timeout: 15_000 }).toBe(true);
      await preview.click();
    }
    const figures =
      (await menteePanel.getByTestId('programme-figures').first().textContent()) ?? '';
    expect(figures).toMatch(/Sessions held\s*2/);
    proxy.disconnect();
    await menteePanel.getByRole('button', { name: 'Send report' }).click();
    await expect
      .poll(() => menteePanel.getByTestId('programme-receipts').textContent())
      .toContain('November 2026 — sent');
    const after = await summary();
    expect(after.months[0]?.sessions).toBe((before.months[0]?.sessions ?? 0) + 2);
    expect(after.active).toBe((before.active ?? 0) + 1);

    // The mentor's browser has not heard: its send is refused by the sidecar as a duplicate.
    await mentorPanel.getByRole('button', { name: 'Send report' }).click();
    await expect
      .poll(() => mentorPanel.getByTestId('programme-receipts').textContent())
      .toContain("already sent from another member's browser");
    expect((await summary()).months[0]?.sessions).toBe(after.months[0]?.sessions);
    proxy.reconnect();

    // Leaving: the signed withdrawal reaches the sidecar; the pair no longer counts as enrolled.
    await options.reload();
    await section.getByRole('button', { name: 'Leave programme' }).click();
    await section.getByRole('button', { name: 'Leave', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('Left');
    await expect.poll(async () => (await summary()).enrolled).toBe(12);

    // The pair's words are in no file of the programme's sidecar.
    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, file)).toString('latin1');
      for (const word of [CANARY, 'Alex']) expect(bytes, file).not.toContain(word);
    }
  }, 180_000);
});
