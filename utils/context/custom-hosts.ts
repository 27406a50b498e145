import { t } from '../i18n';
import { parseJitsiOrigin } from './custom-origin';

/**
 * Self-hosted Jitsi servers: the user grants an origin from the options page (an optional host
 * permission), and the Jitsi content script is registered there. Plain functions over the
 * extension APIs they need, so that a unit test can hand them fakes.
 */
export interface CustomHostApis {
  permissions: {
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
    contains(p: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  };
  origins: { get(): Promise<string[]>; set(origins: string[]): Promise<void> };
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** Where WXT puts the Jitsi content script in the build. */
export const JITSI_SCRIPT = 'read-jitsi.js';

export function scriptId(origin: string): string {
  return `jitsi:${origin}`;
}

function script(origin: string): RegisteredScript {
  return {
    id: scriptId(origin),
    matches: [`${origin}/*`],
    js: [JITSI_SCRIPT],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

export type AddResult = { ok: true; origin: string } | { ok: false; message: string };

/** Ask for the origin and, when granted, read Jitsi meetings there from now on. */
export async function addJitsiServer(apis: CustomHostApis, input: string): Promise<AddResult> {
  const parsed = parseJitsiOrigin(input);
  if (!parsed.ok) return parsed;
  const { origin } = parsed;
  const granted = await apis.permissions.request({ origins: [`${origin}/*`] });
  if (!granted) return { ok: false, message: t('jitsiErrors.notGranted', origin) };
  await ensureRegistered(apis, origin);
  const origins = await apis.origins.get();
  if (!origins.includes(origin)) await apis.origins.set([...origins, origin]);
  return { ok: true, origin };
}

export async function removeJitsiServer(apis: CustomHostApis, origin: string): Promise<void> {
  const registered = await apis.scripting.getRegisteredContentScripts({ ids: [scriptId(origin)] });
  if (registered.length > 0) {
    await apis.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
  }
  await apis.origins.set((await apis.origins.get()).filter((o) => o !== origin));
  try {
    await apis.permissions.remove({ origins: [`${origin}/*`] });
  } catch {
    // A permission the browser will not take back (granted by policy or at install) stays;
    // without its script and its entry, Tandem no longer reads there.
  }
}

/**
 * After an update (registered scripts do not survive one) or a restart: every origin still
 * granted has its script; origins whose permission was taken away in the browser are dropped.
 */
export async function syncJitsiServers(apis: CustomHostApis): Promise<string[]> {
  const kept: string[] = [];
  for (const origin of await apis.origins.get()) {
    if (await apis.permissions.contains({ origins: [`${origin}/*`] })) {
      await ensureRegistered(apis, origin);
      kept.push(origin);
    }
  }
  await apis.origins.set(kept);
  return kept;
}

async function ensureRegistered(apis: CustomHostApis, origin: string): Promise<void> {
  const existing = await apis.scripting.getRegisteredContentScripts({ ids: [scriptId(origin)] });
  if (existing.length === 0) await apis.scripting.registerContentScripts([script(origin)]);
}

/** The real APIs, from the (polyfilled) browser object of an extension page or the background. */
export function browserCustomHostApis(
  b: {
    permissions: CustomHostApis['permissions'];
    scripting: CustomHostApis['scripting'];
  },
  origins: CustomHostApis['origins'],
): CustomHostApis {
  return { permissions: b.permissions, scripting: b.scripting, origins };
}
