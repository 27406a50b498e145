// Draws Tandem's toolbar and store icons (public/icon/{16,32,48,96,128}.png) from one SVG,
// rendered by Chromium so no image library is needed: `node scripts/icons.mjs`.
// Two overlapping circles: two people, one conversation. The colours read on light and dark
// toolbars alike (a filled blue disc with a white ring).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#1f5fbf"/>
  <circle cx="50" cy="64" r="28" fill="none" stroke="#ffffff" stroke-width="12"/>
  <circle cx="78" cy="64" r="28" fill="none" stroke="#9cc3ff" stroke-width="12"/>
</svg>`;

mkdirSync('public/icon', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [16, 32, 48, 96, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
    await page.close();
  }
  console.log('wrote public/icon/{16,32,48,96,128}.png');
} finally {
  await browser.close();
}
