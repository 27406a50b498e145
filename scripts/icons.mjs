// Draws Tandem's icons from one SVG, rendered by Chromium so no image library is needed:
// `node scripts/icons.mjs`.
// - public/icon/{16,24,32,48,96,128}.png: the toolbar, extensions page and store icon. Two
//   overlapping rings (two people, one conversation) on a filled blue square: the square stands
//   out on light toolbars, the white ring on dark ones (tests/e2e/icons.spec.ts measures both).
// - public/toolbar/light-{16,32}.png: Firefox's theme_icons "light" variant for dark themes (a
//   pale square with dark rings); Chromium has no such key.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const icon = (square, inner, outer) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="${square}"/>
  <circle cx="50" cy="64" r="28" fill="none" stroke="${inner}" stroke-width="12"/>
  <circle cx="78" cy="64" r="28" fill="none" stroke="${outer}" stroke-width="12"/>
</svg>`;

const variants = [
  {
    dir: 'public/icon',
    name: (s) => `${s}`,
    svg: icon('#1f5fbf', '#ffffff', '#9cc3ff'),
    sizes: [16, 24, 32, 48, 96, 128],
  },
  {
    dir: 'public/toolbar',
    name: (s) => `light-${s}`,
    svg: icon('#8ab4f8', '#0b1a33', '#1f3f7a'),
    sizes: [16, 32],
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const { dir, name, svg, sizes } of variants) {
    mkdirSync(dir, { recursive: true });
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      await page.screenshot({ path: `${dir}/${name(size)}.png`, omitBackground: true });
      await page.close();
    }
    console.log(`wrote ${dir}/${name(`{${sizes.join(',')}}`)}.png`);
  }
} finally {
  await browser.close();
}
