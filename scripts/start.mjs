// `npm start`: builds Tandem and opens Chromium with it loaded, in a profile of its own
// (.tandem-profile/, kept between runs so your pairs stay). Without a display (or with
// --no-open) it prints how to load the build into your own Chrome, Edge or Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const extension = resolve('.output/chrome-mv3');
const profile = resolve('.tandem-profile');

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const howToLoad = `
Tandem is built in ${extension}

To load it into your own browser:
  1. Open chrome://extensions (Edge: edge://extensions).
  2. Turn on "Developer mode".
  3. Click "Load unpacked" and choose the folder above.
  4. Click the Tandem icon in the toolbar (pin it from the puzzle-piece menu): the side panel opens.
`;

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome'];
const browser = candidates.find((path) => path && existsSync(path));
const canOpen =
  !process.argv.includes('--no-open') && (process.env.DISPLAY || process.platform === 'darwin');

if (!browser || !canOpen) {
  console.log(howToLoad);
  if (!browser) console.log('(No Chromium found: set CHROMIUM_PATH to open one automatically.)');
  else if (!canOpen)
    console.log('(No display: run `npm start` on a desktop to open Chromium with Tandem loaded.)');
  process.exit(0);
}

console.log(`Opening ${browser} with Tandem loaded (profile: ${profile}).`);
console.log('Click the Tandem icon in the toolbar to open the side panel.');
const child = spawn(
  browser,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    'chrome://extensions/',
  ],
  { stdio: 'ignore', detached: true },
);
child.unref();
