import { describe, expect, test } from 'vitest';
import {
  addJitsiServer,
  type CustomHostApis,
  JITSI_SCRIPT,
  type RegisteredScript,
  removeJitsiServer,
  syncJitsiServers,
} from '../../utils/context/custom-hosts';
import { parseJitsiOrigin } from '../../utils/context/custom-origin';

/** The browser's permissions and scripting APIs, in memory; `grant` decides what a prompt answers. */
function fakeApis(grant: (origin: string) => boolean) {
  const granted = new Set<string>();
  const scripts = new Map<string, RegisteredScript>();
  let origins: string[] = [];
  const apis: CustomHostApis = {
    permissions: {
      async request({ origins: asked }) {
        const ok = asked.every((o) => grant(o));
        if (ok) for (const o of asked) granted.add(o);
        return ok;
      },
      async remove({ origins: removed }) {
        for (const o of removed) granted.delete(o);
        return true;
      },
      async contains({ origins: asked }) {
        return asked.every((o) => granted.has(o));
      },
    },
    scripting: {
      async registerContentScripts(list) {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      async unregisterContentScripts({ ids }) {
        for (const id of ids) scripts.delete(id);
      },
      async getRegisteredContentScripts(filter) {
        return [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
      },
    },
    origins: {
      get: async () => origins,
      set: async (next) => {
        origins = next;
      },
    },
  };
  return { apis, granted, scripts, origins: () => origins };
}

describe('self-hosted Jitsi servers', () => {
  test.each([
    ['jitsi.example.org', 'https://jitsi.example.org'],
    ['https://meet.example.org/SomeRoom?x=1', 'https://meet.example.org'],
    ['  https://jitsi.example.org:8443/ ', 'https://jitsi.example.org:8443'],
  ])('"%s" is the server %s', (input, origin) => {
    expect(parseJitsiOrigin(input)).toEqual({ ok: true, origin });
  });

  test.each([
    ['', 'Enter the address'],
    ['http://jitsi.example.org', 'Only https'],
    ['ftp://jitsi.example.org', 'Only https'],
    ['localhost', 'not a server address'],
    ['https://user:pw@jitsi.example.org', 'not a server address'],
    ['https://meet.jit.si', 'already read by Tandem'],
    ['https://exa mple.org', 'not a web address'],
  ])('"%s" is refused: %s', (input, message) => {
    const result = parseJitsiOrigin(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  test('adding a server asks for that origin only, then reads Jitsi pages there', async () => {
    const fake = fakeApis(() => true);
    const result = await addJitsiServer(fake.apis, 'jitsi.example.org');
    expect(result).toEqual({ ok: true, origin: 'https://jitsi.example.org' });
    expect([...fake.granted]).toEqual(['https://jitsi.example.org/*']);
    expect([...fake.scripts.values()]).toEqual([
      {
        id: 'jitsi:https://jitsi.example.org',
        matches: ['https://jitsi.example.org/*'],
        js: [JITSI_SCRIPT],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    expect(fake.origins()).toEqual(['https://jitsi.example.org']);
    // Adding it again changes nothing.
    await addJitsiServer(fake.apis, 'https://jitsi.example.org/room');
    expect(fake.scripts.size).toBe(1);
    expect(fake.origins()).toEqual(['https://jitsi.example.org']);
  });

  test('a refused permission registers nothing and says so', async () => {
    const fake = fakeApis(() => false);
    const result = await addJitsiServer(fake.apis, 'jitsi.example.org');
    expect(result).toEqual({
      ok: false,
      message: 'Access to https://jitsi.example.org was not granted.',
    });
    expect(fake.scripts.size).toBe(0);
    expect(fake.origins()).toEqual([]);
  });

  test('removing a server gives the permission back and stops reading there', async () => {
    const fake = fakeApis(() => true);
    await addJitsiServer(fake.apis, 'a.example.org');
    await addJitsiServer(fake.apis, 'b.example.org');
    await removeJitsiServer(fake.apis, 'https://a.example.org');
    expect([...fake.granted]).toEqual(['https://b.example.org/*']);
    expect([...fake.scripts.keys()]).toEqual(['jitsi:https://b.example.org']);
    expect(fake.origins()).toEqual(['https://b.example.org']);
  });

  test('after an update, granted servers get their script back and revoked ones are dropped', async () => {
    const fake = fakeApis(() => true);
    await addJitsiServer(fake.apis, 'a.example.org');
    await addJitsiServer(fake.apis, 'b.example.org');
    fake.scripts.clear(); // an update clears registered scripts
    fake.granted.delete('https://b.example.org/*'); // the user revoked b in the browser
    expect(await syncJitsiServers(fake.apis)).toEqual(['https://a.example.org']);
    expect([...fake.scripts.keys()]).toEqual(['jitsi:https://a.example.org']);
    expect(fake.origins()).toEqual(['https://a.example.org']);
  });
});
