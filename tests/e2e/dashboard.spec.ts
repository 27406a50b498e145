import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Demo, startDemo } from '../../scripts/programme-demo/demo';
import { describeViolations, runAxe } from './axe';
import { chromiumPath } from './fixtures';

/*
 * The coordinator's dashboard in a real Chromium, against the demo programme (a real sidecar,
 * 12 synthetic pairs whose reports the extension's code made): signing in, the figures and the
 * ones too few pairs stand behind, narrowing the months, the CSV, three languages, light and
 * dark, axe, and the token never in a URL.
 */
describe('programme dashboard', () => {
  let demo: Demo;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-dashboard-'));
  const shots = process.env.SHOTS_DIR;

  beforeAll(async () => {
    demo = await startDemo({ dataDir, now: new Date('2026-12-04T12:00:00Z') });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(options: { locale?: string; width?: number; scheme?: 'light' | 'dark' }) {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-GB',
      viewport: { width: options.width ?? 1280, height: 900 },
      colorScheme: options.scheme ?? 'light',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const urls: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(demo.dashboard);
    return { page, problems, urls };
  }

  async function signIn(page: Page, token = demo.operatorToken) {
    await page.locator('#token').fill(token);
    await page.locator('#token').press('Enter');
  }

  const expectNoViolations = async (page: Page, where: string) => {
    const { violations } = await runAxe(page);
    expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([]);
  };

  test('signs in, shows the figures and hides the ones too few pairs stand behind', async () => {
    const { page, problems, urls } = await open({});
    await expectNoViolations(page, 'sign-in');
    await signIn(page, 'not-the-token-at-all-not-the-token');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('That is not the operator token of this sidecar.');
    await expect.poll(() => page.evaluate(() => sessionStorage.length)).toBe(0);

    await signIn(page);
    const heading = page.locator('#programme-heading');
    await expect
      .poll(() => heading.textContent())
      .toMatch(/^Demo cohort: new team leads: July 2026 to \w+ 20\d\d$/);
    const totals = page.locator('.totals');
    expect(await totals.locator('dd').first().textContent()).toBe('12');
    const months = page.getByRole('table', { name: 'Sessions per month' });
    // July: only four pairs had joined, fewer than five: not shown.
    const july = months.getByRole('row', { name: /July 2026/ });
    expect(await july.textContent()).toContain('too few pairs to show');
    const august = months.getByRole('row', { name: /August 2026/ });
    expect(await august.textContent()).toMatch(/August 2026\d+100%/);
    const roles = page.getByRole('table', { name: 'Mentor roles used' });
    expect(await roles.getByRole('row').count()).toBe(5);
    expect(await page.getByRole('table', { name: 'Milestones reached' }).textContent()).toContain(
      'Agreement signed',
    );
    await expectNoViolations(page, 'figures, light');
    if (shots) await page.screenshot({ path: join(shots, 'dashboard-light.png'), fullPage: true });

    // Narrowing to July alone: nothing about those four pairs shows.
    await page.getByLabel('From').fill('2026-07');
    await page.getByLabel('To', { exact: true }).fill('2026-07');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => heading.textContent())
      .toBe('Demo cohort: new team leads: July 2026 to July 2026');
    expect(await page.locator('.too-few').count()).toBeGreaterThan(10);
    expect(await months.getByRole('row').count()).toBe(2);
    expect(await page.locator('td.num span:not(.too-few)').count()).toBe(0);
    expect(await totals.locator('dd').nth(1).textContent()).toBe('too few pairs to show');

    // The CSV of the same months.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`programme-${demo.programme.id}.csv`);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('sessions,2026-07,too few pairs to show');
    expect(csv).toContain('pairs enrolled,now,12');

    // A month range backwards is said in words, and nothing is asked of the sidecar.
    await page.getByLabel('From').fill('2026-10');
    await page.getByLabel('To', { exact: true }).fill('2026-08');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('The first month must not be after the last.');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#token').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('tandem-operator-token'))).toBeNull();
    expect(urls.filter((url) => url.includes(demo.operatorToken))).toEqual([]);
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });

  for (const [locale, heading, tooFew, signIn_] of [
    ['de-DE', 'Programm-Übersicht', 'zu wenige Tandems für eine Angabe', 'Anmelden'],
    ['es-ES', 'Panel del programa', 'muy pocas parejas para mostrarlo', 'Iniciar sesión'],
  ] as const) {
    test(`speaks ${locale} in dark, at 380 px, by keyboard, with no axe violations`, async () => {
      const { page, problems } = await open({ locale, width: 380, scheme: 'dark' });
      expect(await page.locator('h1').textContent()).toBe(heading);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2));
      await page.locator('#token').fill(demo.operatorToken);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(signIn_);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.too-few').first().textContent()).toBe(tooFew);
      await expectNoViolations(page, `figures, ${locale}, dark`);
      // Nothing runs past the edge of a narrow window.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      if (shots)
        await page.screenshot({
          path: join(shots, `dashboard-${locale}-dark.png`),
          fullPage: true,
        });
      expect(problems).toEqual([]);
    });
  }

  test('the pages carry a policy that allows no inline script or style and no framing', async () => {
    const response = await fetch(demo.dashboard);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${demo.url}/dashboard/nothing.js`)).status).toBe(404);
  });
});
