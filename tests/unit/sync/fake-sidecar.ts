import type { Envelope, LogEntry } from '@tandem/protocol';

/**
 * A small in-memory sidecar speaking @tandem/protocol through a fetch function, for unit
 * tests of the client and the engine (the integration suite runs the real one). It keeps what
 * the real one keeps: spaces, hashed-or-not tokens, an append-only log unique on
 * (device, mutation id). Knobs let a test drop answers or fail requests.
 */
export interface FakeSidecar {
  fetch: typeof fetch;
  log(spaceId: string): LogEntry[];
  /** Every request body sent, as text (what an eavesdropper on the wire, or the server, sees). */
  bodies: string[];
  /** The next n requests fail as if the network were down, before reaching the server. */
  failNext(n: number): void;
  /** The next n pushes are stored, then the answer is lost (the client sees a network error). */
  loseAnswers(n: number): void;
  /** Moves a stored ciphertext onto another log entry (what a malicious server could do). */
  tamper(spaceId: string, edit: (log: LogEntry[]) => void): void;
  /** The next pull is answered with what `edit` makes of the true answer (a faked answer). */
  fakeNextPull(
    edit: (answer: { entries: LogEntry[]; cursor: number; more: boolean }) => unknown,
  ): void;
  /** Announce to open event streams. */
  streams: number;
  /**
   * A dishonest sidecar: hands the inviter this public key (the server's own) instead of the
   * joining device's, to get the pair secret sealed for itself.
   */
  swapJoinKey(publicKey: string | null): void;
  /** The sealed secrets stored, by device id (what the server holds). */
  grants: Map<string, string>;
  /** Published device keys, by device id: {publicKey, proof} (a test may swap one). */
  deviceKeys: Map<string, { publicKey: string; proof: string }>;
  /** Epoch grants, `${epoch}:${deviceId}` → {sealed, grantedBy}. */
  epochGrants: Map<string, { sealed: unknown; grantedBy: string }>;
}

interface Device {
  deviceId: string;
  spaceId: string;
  name: string;
  token: string;
  revoked: boolean;
  publicKey?: string;
  inviteHash?: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  );
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const SIDECAR = 'http://127.0.0.1:8787';

export function fakeSidecar(): FakeSidecar {
  let counter = 0;
  const id = (length: number) => {
    counter += 1;
    return `${'x'.repeat(length)}${counter}`.slice(-length).replace(/[^A-Za-z0-9_-]/g, 'x');
  };
  const spaces = new Map<string, { log: LogEntry[]; invites: Set<string> }>();
  const devices = new Map<string, Device>();
  const listeners = new Map<string, Set<(seq: number) => void>>();
  let failing = 0;
  let losing = 0;
  const pullEdits: ((answer: { entries: LogEntry[]; cursor: number; more: boolean }) => unknown)[] =
    [];
  let swapped: string | null = null;
  const grants = new Map<string, string>();
  const deviceKeys = new Map<string, { publicKey: string; proof: string }>();
  const epochGrants = new Map<string, { sealed: unknown; grantedBy: string }>();
  const bodies: string[] = [];

  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const error = (status: number, code: string, message = code) =>
    json(status, { error: { code, message } });

  function authenticate(request: Request, spaceId: string): Device | Response {
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const device = [...devices.values()].find((d) => d.token === token);
    if (!device || device.revoked) return error(401, 'unauthorized');
    if (device.spaceId !== spaceId) return error(403, 'forbidden');
    return device;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : await request.text();
    if (body) bodies.push(body);
    const data = body ? JSON.parse(body) : undefined;
    const path = url.pathname;
    if (request.method === 'POST' && path === '/v1/spaces') {
      const spaceId = id(22);
      spaces.set(spaceId, { log: [], invites: new Set() });
      const device = {
        deviceId: id(22),
        spaceId,
        name: data.deviceName,
        token: id(43),
        revoked: false,
      };
      devices.set(device.deviceId, device);
      return json(201, { spaceId, deviceId: device.deviceId, deviceToken: device.token });
    }
    const match =
      /^\/v1\/spaces\/([^/]+)\/(invites|join|push|pull|events|devices|leave|joins|key|device-key|device-keys|epochs|epoch-keys)(?:\/([^/]+))?(\/keys?)?$/.exec(
        path,
      );
    if (!match) return error(404, 'not_found');
    const [, spaceId = '', action, extra, keySuffix] = match;
    const space = spaces.get(spaceId);
    if (action === 'join') {
      if (!space?.invites.has(data.inviteToken)) return error(403, 'invite_invalid');
      space.invites.delete(data.inviteToken);
      const device = {
        deviceId: id(22),
        spaceId,
        name: data.deviceName,
        token: id(43),
        revoked: false,
        publicKey: data.publicKey as string,
        inviteHash: await sha256Hex(data.inviteToken),
      };
      devices.set(device.deviceId, device);
      return json(201, { spaceId, deviceId: device.deviceId, deviceToken: device.token });
    }
    const device = authenticate(request, spaceId);
    if (device instanceof Response) return device;
    if (!space) return error(404, 'not_found');
    switch (action) {
      case 'invites': {
        const inviteToken = id(43);
        space.invites.add(inviteToken);
        return json(201, {
          inviteToken,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        });
      }
      case 'push': {
        const results = [];
        for (const m of data.mutations as {
          mutationId: number;
          recordId: string;
          envelope: Envelope;
        }[]) {
          const existing = space.log.find(
            (e) => e.deviceId === device.deviceId && e.mutationId === m.mutationId,
          );
          if (existing) {
            results.push({ mutationId: m.mutationId, seq: existing.seq });
            continue;
          }
          const seq = space.log.length + 1;
          space.log.push({
            seq,
            recordId: m.recordId,
            deviceId: device.deviceId,
            mutationId: m.mutationId,
            envelope: m.envelope,
            receivedAt: new Date().toISOString(),
          });
          results.push({ mutationId: m.mutationId, seq });
        }
        for (const listener of listeners.get(spaceId) ?? []) listener(space.log.length);
        if (losing > 0) {
          losing -= 1;
          throw new TypeError('Failed to fetch (answer lost)');
        }
        return json(200, { results });
      }
      case 'pull': {
        const after = Number(url.searchParams.get('after') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 500);
        const entries = space.log.filter((e) => e.seq > after).slice(0, limit);
        const more = space.log.filter((e) => e.seq > after).length > limit;
        const answer = {
          entries,
          cursor: entries.at(-1)?.seq ?? after,
          more,
          ...(!more && { head: space.log.at(-1)?.seq ?? 0 }),
        };
        const edit = pullEdits.shift();
        return json(200, edit ? edit(structuredClone(answer)) : answer);
      }
      case 'joins':
        return json(200, {
          joins: [...devices.values()]
            .filter((d) => d.spaceId === spaceId && !d.revoked && d.publicKey && d.inviteHash)
            .map((d) => ({
              deviceId: d.deviceId,
              publicKey: swapped ?? d.publicKey,
              inviteHash: d.inviteHash,
              granted: grants.has(d.deviceId),
            })),
        });
      case 'key': {
        const sealed = grants.get(device.deviceId);
        if (!sealed) return error(404, 'not_found');
        return json(200, { sealed: JSON.parse(sealed), grantedBy: device.deviceId });
      }
      case 'devices': {
        if (request.method === 'POST' && extra && keySuffix) {
          const target = devices.get(extra);
          if (!target || target.spaceId !== spaceId || target.revoked)
            return error(404, 'not_found');
          if (grants.has(extra)) return error(409, 'conflict');
          grants.set(extra, body ?? '');
          return new Response(null, { status: 204 });
        }
        if (request.method === 'DELETE' && extra) {
          const target = devices.get(extra);
          if (!target || target.spaceId !== spaceId) return error(404, 'not_found');
          target.revoked = true;
          return new Response(null, { status: 204 });
        }
        return json(200, {
          devices: [...devices.values()]
            .filter((d) => d.spaceId === spaceId)
            .map((d) => ({
              deviceId: d.deviceId,
              name: d.name,
              createdAt: new Date(0).toISOString(),
              lastSeenAt: null,
              revoked: d.revoked,
            })),
        });
      }
      case 'leave':
        device.revoked = true;
        return new Response(null, { status: 204 });
      case 'device-key': {
        const known = deviceKeys.get(device.deviceId);
        if (known && (known.publicKey !== data.publicKey || known.proof !== data.proof)) {
          return error(409, 'conflict');
        }
        deviceKeys.set(device.deviceId, { publicKey: data.publicKey, proof: data.proof });
        return new Response(null, { status: 204 });
      }
      case 'device-keys':
        return json(200, {
          keys: [...deviceKeys.entries()]
            .filter(([deviceId]) => {
              const d = devices.get(deviceId);
              return d?.spaceId === spaceId && !d.revoked;
            })
            .map(([deviceId, key]) => ({ deviceId, ...key })),
        });
      case 'epochs': {
        const epoch = Number(extra);
        const wanted = data.grants as { deviceId: string; sealed: unknown }[];
        for (const grant of wanted) {
          const target = devices.get(grant.deviceId);
          if (!target || target.spaceId !== spaceId || target.revoked) {
            return error(404, 'not_found');
          }
          if (epochGrants.has(`${epoch}:${grant.deviceId}`)) return error(409, 'conflict');
        }
        for (const grant of wanted) {
          epochGrants.set(`${epoch}:${grant.deviceId}`, {
            sealed: grant.sealed,
            grantedBy: device.deviceId,
          });
        }
        return new Response(null, { status: 204 });
      }
      case 'epoch-keys': {
        const after = Number(url.searchParams.get('after') ?? 0);
        return json(200, {
          grants: [...epochGrants.entries()]
            .map(([key, grant]) => ({
              epoch: Number(key.split(':')[0]),
              to: key.split(':')[1],
              ...grant,
            }))
            .filter((g) => g.to === device.deviceId && g.epoch > after)
            .sort((a, b) => a.epoch - b.epoch)
            .map(({ epoch, sealed, grantedBy }) => ({ epoch, sealed, grantedBy })),
        });
      }
      case 'events': {
        const encoder = new TextEncoder();
        let stop = () => {};
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            const send = (seq: number) =>
              controller.enqueue(encoder.encode(`event: log\ndata: {"seq":${seq}}\n\n`));
            controller.enqueue(encoder.encode(': connected\n\n'));
            if (space.log.length > 0) send(space.log.length);
            let set = listeners.get(spaceId);
            if (!set) {
              set = new Set();
              listeners.set(spaceId, set);
            }
            set.add(send);
            stop = () => {
              set.delete(send);
              try {
                controller.close();
              } catch {}
            };
            request.signal?.addEventListener('abort', stop);
          },
          cancel: () => stop(),
        });
        return new Response(stream, {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
        });
      }
    }
    return error(404, 'not_found');
  }

  const fake: FakeSidecar = {
    bodies,
    async fetch(input, init) {
      const request = new Request(input, init);
      if (failing > 0) {
        failing -= 1;
        throw new TypeError('Failed to fetch');
      }
      return handle(request);
    },
    log: (spaceId) => spaces.get(spaceId)?.log ?? [],
    failNext(n) {
      failing = n;
    },
    loseAnswers(n) {
      losing = n;
    },
    tamper(spaceId, edit) {
      edit(spaces.get(spaceId)?.log ?? []);
    },
    fakeNextPull(edit) {
      pullEdits.push(edit);
    },
    get streams() {
      return [...listeners.values()].reduce((n, set) => n + set.size, 0);
    },
    swapJoinKey(publicKey) {
      swapped = publicKey;
    },
    grants,
    deviceKeys,
    epochGrants,
  };
  return fake;
}
