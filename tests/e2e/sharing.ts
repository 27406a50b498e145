import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type Sidecar, startSidecar } from '../integration/harness';
import { type ExtensionBrowser, launchExtension } from './fixtures';

/**
 * Sharing a pair between two browsers, as a person does it on the options page, through a
 * small proxy in front of the real sidecar. The proxy records every request body the extension
 * sends, and can cut the network (every request fails as a lost connection would, open event
 * streams end) so that both browsers edit offline.
 */

/**
 * For one spec file: a real sidecar with the recording proxy in front, started before its tests,
 * and every browser `launch` opened, all closed after them.
 */
export interface SharingHarness {
  readonly sidecar: Sidecar;
  readonly proxy: SidecarProxy;
  /** Chromium with the extension, allowed to reach the proxy without asking. */
  launch(): Promise<ExtensionBrowser>;
}

export function sharingHarness(): SharingHarness {
  let sidecar: Sidecar | undefined;
  let proxy: SidecarProxy | undefined;
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
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The sidecar is not started (use it inside a test)');
    return value;
  };
  return {
    get sidecar() {
      return started(sidecar);
    },
    get proxy() {
      return started(proxy);
    },
    async launch() {
      const browser = await launchExtension({ preGrantedOrigins: [`${started(proxy).url}/*`] });
      browsers.push(browser);
      return browser;
    },
  };
}

export interface SidecarProxy {
  url: string;
  bodies: string[];
  /** Event streams the sidecar has answered and that are still open (each browser keeps one per shared pair). */
  readonly openEventStreams: number;
  /**
   * A dishonest sidecar: while set, every pull answer is rewritten by `edit` (its JSON in, the
   * JSON to send out); null stops it.
   */
  rewritePulls(edit: ((answer: PullAnswer) => PullAnswer) | null): void;
  /** The same for the answers to GET requests whose path matches `path`. */
  rewriteAnswers(path: RegExp, edit: ((answer: never) => unknown) | null): void;
  /** Every request fails without an answer until `reconnect`; open event streams end. */
  disconnect(): void;
  reconnect(): void;
  close(): Promise<void>;
}

export interface PullAnswer {
  entries: { seq: number; deviceId: string; mutationId: number; recordId: string }[];
  cursor: number;
  more: boolean;
  head?: number;
}

export function sidecarProxy(target: string): Promise<SidecarProxy> {
  const bodies: string[] = [];
  const rewrites = new Map<string, { path: RegExp; edit: (answer: never) => unknown }>();
  const open = new Set<ServerResponse>();
  const streams = new Set<ServerResponse>();
  let connected = true;
  const server: Server = createServer((request, response) => {
    if (!connected) {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.length > 0) bodies.push(body.toString('utf8'));
      open.add(response);
      const upstream = httpRequest(
        `${target}${request.url ?? '/'}`,
        { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
        (answer) => {
          const edit = [...rewrites.values()].find(({ path }) =>
            path.test((request.url ?? '').split('?')[0] ?? ''),
          )?.edit;
          if (edit && answer.statusCode === 200 && request.method === 'GET') {
            const parts: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => parts.push(chunk));
            answer.on('end', () => {
              const json = JSON.stringify(
                edit(JSON.parse(Buffer.concat(parts).toString('utf8')) as never),
              );
              response.writeHead(200, {
                'content-type': 'application/json; charset=utf-8',
                'content-length': String(Buffer.byteLength(json)),
                ...(answer.headers['access-control-allow-origin'] && {
                  'access-control-allow-origin': answer.headers['access-control-allow-origin'],
                }),
              });
              response.end(json);
            });
            return;
          }
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          if (answer.statusCode === 200 && /\/events(\?|$)/.test(request.url ?? '')) {
            streams.add(response);
          }
          answer.pipe(response);
        },
      );
      upstream.on('error', () => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
      response.on('close', () => {
        open.delete(response);
        streams.delete(response);
        upstream.destroy();
      });
      upstream.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        bodies,
        get openEventStreams() {
          return streams.size;
        },
        rewritePulls(edit) {
          if (edit)
            rewrites.set('pull', { path: /\/pull$/, edit: edit as (answer: never) => unknown });
          else rewrites.delete('pull');
        },
        rewriteAnswers(path, edit) {
          if (edit) rewrites.set(path.source, { path, edit });
          else rewrites.delete(path.source);
        },
        disconnect() {
          connected = false;
          for (const response of open) response.socket?.destroy();
        },
        reconnect() {
          connected = true;
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await expect
    .poll(() =>
      page.getByRole('heading', { name: /Share a pair with your mentor or mentee/ }).isVisible(),
    )
    .toBe(true);
  return page;
}

/** Shares the current pair from the options page; returns the page and the invite code. */
export async function sharePair(
  browser: ExtensionBrowser,
  sidecarUrl: string,
): Promise<{ options: Page; code: string }> {
  const options = await openOptions(browser);
  await options.getByLabel('Sidecar address').fill(sidecarUrl);
  await options.getByRole('button', { name: 'Share this pair' }).click();
  const codeBox = options.getByLabel('Invite code', { exact: true });
  await expect.poll(() => codeBox.isVisible(), { timeout: 10_000 }).toBe(true);
  return { options, code: await codeBox.inputValue() };
}

/**
 * Pastes an invite code on the options page and joins; the two members compare the codes their
 * browsers show, and the inviting member lets the new browser in. Returns the joining options
 * page and the code both saw.
 */
export async function joinPair(
  browser: ExtensionBrowser,
  invite: string,
  inviterOptions: Page,
  /** The label this browser goes by (the default names the platform only). */
  label?: string,
): Promise<{ options: Page; code: string }> {
  const options = await openOptions(browser);
  if (label) await options.getByLabel(/^A label for this browser/).fill(label);
  await options.getByLabel('Invite code you received').fill(invite);
  await options.getByRole('button', { name: 'Join the pair' }).click();
  const waiting = options.getByTestId('waiting-code');
  await expect.poll(() => waiting.isVisible(), { timeout: 10_000 }).toBe(true);
  const code = (await waiting.textContent()) ?? '';
  expect(code).toMatch(/^\d{3} \d{3}$/);
  const request = inviterOptions
    .getByTestId('join-request')
    .filter(label ? { hasText: label } : {});
  await expect.poll(() => request.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await request.getByTestId('join-code').textContent()).toBe(code);
  await request.getByRole('button', { name: 'Same code: let it in' }).click();
  await expect
    .poll(() => options.getByTestId('sync-message').textContent(), { timeout: 15_000 })
    .toContain('Joined');
  return { options, code };
}

/**
 * The pair secret as the inviting browser keeps it (sealed in its vault), opened inside that
 * extension page — only so a test can check what the sidecar saw. Never leaves the test.
 */
export async function pairSecretOf(
  page: Page,
): Promise<{ spaceId: string; deviceId: string; secret: string }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tandem');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const space = await new Promise<{
      spaceId: string;
      deviceId: string;
      vault: CryptoKey;
      sealedSecret: { iv: string; ct: string };
    }>((resolve, reject) => {
      const request = db.transaction('syncSpaces').objectStore('syncSpaces').getAll();
      request.onsuccess = () => resolve(request.result[0]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const bytes = (text: string) =>
      Uint8Array.from(
        atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)),
        (c) => c.charCodeAt(0),
      );
    const plain = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes(space.sealedSecret.iv),
          additionalData: new TextEncoder().encode('tandem/v2 vault'),
        },
        space.vault,
        bytes(space.sealedSecret.ct),
      ),
    );
    const secret = btoa(String.fromCharCode(...plain))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    return { spaceId: space.spaceId, deviceId: space.deviceId, secret };
  });
}
