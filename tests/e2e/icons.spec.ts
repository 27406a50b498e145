import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { EXTENSION_PATH, type ExtensionBrowser, launchExtension } from './fixtures';

/**
 * Chromium has no per-theme toolbar icons, so one icon has to read on light and dark toolbars
 * alike. Measured here, as a person would see it: drawn on the toolbar's colour, how much of
 * the icon stands out from it by at least 3:1 (WCAG's contrast for graphics).
 */

let browser: ExtensionBrowser | undefined;
afterEach(async () => {
  await browser?.close({ removeProfile: true });
  browser = undefined;
});

/** Chromium's toolbar and tab strip colours, light and dark. */
const toolbars = {
  light: ['#ffffff', '#f1f3f4', '#dee1e6'],
  dark: ['#35363a', '#202124', '#3c3c3c'],
};

test('every icon the manifest names is there, at its size', async () => {
  browser = await launchExtension();
  const manifest = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  const icons: Record<string, string> = manifest.icons;
  expect(Object.keys(icons).map(Number)).toEqual([16, 24, 32, 48, 96, 128]);
  const page = await browser.openPanel();
  for (const [size, path] of Object.entries(icons)) {
    const dimensions = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, `/${path}`);
    expect(dimensions, path).toEqual([Number(size), Number(size)]);
  }
});

test('the toolbar icon stands out on light and on dark toolbars', async () => {
  browser = await launchExtension();
  const page = await browser.openPanel();
  for (const icon of ['/icon/16.png', '/icon/32.png']) {
    for (const [scheme, colours] of Object.entries(toolbars)) {
      for (const toolbar of colours) {
        const share = await page.evaluate(
          async ([src, background]) => {
            const img = new Image();
            img.src = src;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const ctx = canvas.getContext('2d');
            if (!ctx) throw new Error('no 2d context');
            ctx.fillStyle = background;
            ctx.fillRect(0, 0, canvas.width, canvas.height);
            ctx.drawImage(img, 0, 0);
            const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const luminance = (r: number, g: number, b: number) => {
              const c = [r, g, b].map((v) => {
                const s = v / 255;
                return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
              });
              return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
            };
            const hex = background.slice(1);
            const bg = luminance(
              Number.parseInt(hex.slice(0, 2), 16),
              Number.parseInt(hex.slice(2, 4), 16),
              Number.parseInt(hex.slice(4, 6), 16),
            );
            let standOut = 0;
            for (let i = 0; i < data.length; i += 4) {
              const l = luminance(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0);
              const ratio = (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05);
              if (ratio >= 3) standOut += 1;
            }
            return standOut / (data.length / 4);
          },
          [icon, toolbar] as const,
        );
        // A quarter of the icon's square or more: its shape is plain to see.
        expect(share, `${icon} on a ${scheme} toolbar ${toolbar}`).toBeGreaterThanOrEqual(0.25);
      }
    }
  }
});
