import {
  deviceCredentials,
  deviceKeysResponse,
  devicesResponse,
  epochKeysResponse,
  errorResponse,
  healthResponse,
  inviteResponse,
  joinsResponse,
  keyResponse,
  logEvent,
  type Mutation,
  pullResponse,
  pushResponse,
} from '@tandem/protocol';
import type * as z from 'zod/mini';
import { t } from '../i18n';
import type { Sealed } from './keys';

/**
 * The sidecar's HTTP protocol as typed calls (@tandem/protocol, protocol/src/protocol.ts). Every answer is checked
 * against its schema before anyone uses it, and every failure becomes a typed result — nothing
 * here throws for a network or server problem — so the engine can tell "offline, try later"
 * from "this device was removed, share again".
 */

export type FailureKind =
  /** No answer: no network, the sidecar is down, or it took too long. Try again later. */
  | 'offline'
  /** The device token is unknown or revoked (401). */
  | 'unauthorized'
  /** The token is of another space, or the origin is refused (403). */
  | 'forbidden'
  | 'not_found'
  /** The invite is unknown, used or expired. */
  | 'invite_invalid'
  | 'payload_too_large'
  | 'rate_limited'
  /** The sidecar failed (5xx). Try again later. */
  | 'server'
  /** The sidecar refused what we sent (400): a bug on one side or the other. */
  | 'bad_request'
  /** The pair's space on the sidecar is full (its operator sets the quota). */
  | 'quota_exceeded'
  /** A cap of the sidecar: too many invites or devices in the space, or connections. */
  | 'limit_reached'
  /** The sidecar creates spaces only with its creation token, and none or a wrong one was given. */
  | 'create_token_required'
  /** The sidecar does not list this browser's Tandem among its allowed origins. */
  | 'origin_not_allowed'
  /** The answer does not fit the protocol: not a Tandem sidecar, or another version. */
  | 'bad_response'
  /** This browser joined but has not been let in yet (utils/sync/keys.ts). */
  | 'awaiting_key';

export interface Failure {
  ok: false;
  kind: FailureKind;
  status?: number;
  message: string;
  /** For rate_limited: how long the sidecar asked us to wait. */
  retryAfterMs?: number;
}
export type Result<T> = { ok: true; value: T } | Failure;

export type Fetch = typeof fetch;

export interface ClientOptions {
  fetch?: Fetch;
  /** Per request, except the event stream. */
  timeoutMs?: number;
}

export interface SidecarClient {
  readonly baseUrl: string;
  health(): Promise<Result<z.infer<typeof healthResponse>>>;
  /** createToken: the sidecar's creation token, when its operator set one. */
  createSpace(
    deviceName: string,
    createToken?: string,
  ): Promise<Result<z.infer<typeof deviceCredentials>>>;
  createInvite(spaceId: string): Promise<Result<z.infer<typeof inviteResponse>>>;
  join(
    spaceId: string,
    inviteToken: string,
    deviceName: string,
    publicKey: string,
  ): Promise<Result<z.infer<typeof deviceCredentials>>>;
  /** Devices that joined with a key (utils/sync/keys.ts), given their key or waiting for it. */
  joins(spaceId: string): Promise<Result<z.infer<typeof joinsResponse>>>;
  grantKey(spaceId: string, deviceId: string, sealed: Sealed): Promise<Result<void>>;
  /** This device's sealed pair secret; not_found until a member has let it in. */
  key(spaceId: string): Promise<Result<z.infer<typeof keyResponse>>>;
  /** Publishes this device's long-term public key with its proof (utils/sync/epochs.ts). */
  putDeviceKey(spaceId: string, publicKey: string, proof: string): Promise<Result<void>>;
  deviceKeys(spaceId: string): Promise<Result<z.infer<typeof deviceKeysResponse>>>;
  /** A new epoch's secret, sealed for each remaining device; all or none are stored. */
  grantEpoch(
    spaceId: string,
    epoch: number,
    grants: { deviceId: string; sealed: Sealed }[],
  ): Promise<Result<void>>;
  /** The epochs' secrets sealed for this device, above `after`. */
  epochKeys(spaceId: string, after: number): Promise<Result<z.infer<typeof epochKeysResponse>>>;
  push(spaceId: string, mutations: Mutation[]): Promise<Result<z.infer<typeof pushResponse>>>;
  pull(
    spaceId: string,
    after: number,
    limit: number,
  ): Promise<Result<z.infer<typeof pullResponse>>>;
  devices(spaceId: string): Promise<Result<z.infer<typeof devicesResponse>>>;
  revokeDevice(spaceId: string, deviceId: string): Promise<Result<void>>;
  leave(spaceId: string): Promise<Result<void>>;
  /**
   * Listens to the space's server-sent events until the signal aborts or the stream ends;
   * calls onLog with the log's newest seq each time it grows (and once on connecting).
   */
  events(
    spaceId: string,
    onLog: (seq: number) => void,
    signal: AbortSignal,
    onOpen?: () => void,
  ): Promise<Result<void>>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function sidecarClient(
  baseUrl: string,
  token?: string,
  options: ClientOptions = {},
): SidecarClient {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch: Fetch = options.fetch ?? ((...args) => fetch(...args));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<S extends z.ZodMiniType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S | null,
    body?: unknown,
    auth: boolean | string = true,
  ): Promise<Result<z.infer<S>>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = typeof auth === 'string' ? auth : auth ? token : undefined;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      return offline(error);
    }
    if (!response.ok) return failure(response);
    if (schema === null) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, value: undefined as z.infer<S> };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (isAbort(error) || error instanceof TypeError) return offline(error);
      return badResponse(response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return badResponse(response.status);
    return { ok: true, value: parsed.data };
  }

  const space = (id: string) => `/v1/spaces/${encodeURIComponent(id)}`;

  return {
    baseUrl: base,
    health: () => call('GET', '/v1/health', healthResponse, undefined, false),
    createSpace: (deviceName, createToken) =>
      call('POST', '/v1/spaces', deviceCredentials, { deviceName }, createToken || false),
    createInvite: (spaceId) => call('POST', `${space(spaceId)}/invites`, inviteResponse),
    join: (spaceId, inviteToken, deviceName, publicKey) =>
      call(
        'POST',
        `${space(spaceId)}/join`,
        deviceCredentials,
        { inviteToken, deviceName, publicKey },
        false,
      ),
    joins: (spaceId) => call('GET', `${space(spaceId)}/joins`, joinsResponse),
    grantKey: (spaceId, deviceId, sealed) =>
      call(
        'POST',
        `${space(spaceId)}/devices/${encodeURIComponent(deviceId)}/key`,
        null,
        sealed,
      ) as Promise<Result<void>>,
    key: (spaceId) => call('GET', `${space(spaceId)}/key`, keyResponse),
    putDeviceKey: (spaceId, publicKey, proof) =>
      call('PUT', `${space(spaceId)}/device-key`, null, { publicKey, proof }) as Promise<
        Result<void>
      >,
    deviceKeys: (spaceId) => call('GET', `${space(spaceId)}/device-keys`, deviceKeysResponse),
    grantEpoch: (spaceId, epoch, grants) =>
      call('POST', `${space(spaceId)}/epochs/${epoch}/keys`, null, { grants }) as Promise<
        Result<void>
      >,
    epochKeys: (spaceId, after) =>
      call('GET', `${space(spaceId)}/epoch-keys?after=${after}`, epochKeysResponse),
    push: (spaceId, mutations) =>
      call('POST', `${space(spaceId)}/push`, pushResponse, { mutations }),
    pull: (spaceId, after, limit) =>
      call('GET', `${space(spaceId)}/pull?after=${after}&limit=${limit}`, pullResponse),
    devices: (spaceId) => call('GET', `${space(spaceId)}/devices`, devicesResponse),
    revokeDevice: (spaceId, deviceId) =>
      call('DELETE', `${space(spaceId)}/devices/${encodeURIComponent(deviceId)}`, null) as Promise<
        Result<void>
      >,
    leave: (spaceId) => call('POST', `${space(spaceId)}/leave`, null) as Promise<Result<void>>,

    async events(spaceId, onLog, signal, onOpen) {
      let response: Response;
      try {
        response = await doFetch(`${base}${space(spaceId)}/events`, {
          headers: {
            accept: 'text/event-stream',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          signal,
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (error) {
        return offline(error);
      }
      if (!response.ok) return failure(response);
      if (!response.body) return badResponse(response.status);
      onOpen?.();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = eventStreamParser((event, data) => {
        if (event !== 'log') return;
        try {
          const parsed = logEvent.safeParse(JSON.parse(data));
          if (parsed.success) onLog(parsed.data.seq);
        } catch {
          // A malformed event is ignored: the next one, or the periodic pull, catches up.
        }
      });
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser(value);
        }
      } catch (error) {
        if (signal.aborted) return { ok: true, value: undefined };
        return offline(error);
      } finally {
        reader.releaseLock();
      }
      // The sidecar ended the stream (shutting down, or this device was removed).
      return offline(new Error(t('syncErrors.streamClosed')));
    },
  };
}

/**
 * Server-sent events (https://html.spec.whatwg.org/multipage/server-sent-events.html): lines
 * `event:` and `data:`, an empty line ends an event, lines starting with `:` are comments.
 * Chunks may split lines anywhere; the parser keeps the unfinished rest.
 */
export function eventStreamParser(
  onEvent: (event: string, data: string) => void,
): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) onEvent(event || 'message', data.join('\n'));
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function offline(error: unknown): Failure {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  return {
    ok: false,
    kind: 'offline',
    message: timedOut ? t('syncErrors.timeout') : t('syncErrors.unreachable'),
  };
}

function badResponse(status: number): Failure {
  return {
    ok: false,
    kind: 'bad_response',
    status,
    message: t('syncErrors.badResponse'),
  };
}

const KIND_BY_CODE: Record<string, FailureKind> = {
  bad_request: 'bad_request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'not_found',
  invite_invalid: 'invite_invalid',
  payload_too_large: 'payload_too_large',
  rate_limited: 'rate_limited',
  conflict: 'bad_request',
  internal: 'server',
  quota_exceeded: 'quota_exceeded',
  mutation_conflict: 'bad_request',
  limit_reached: 'limit_reached',
  create_token_required: 'create_token_required',
  origin_not_allowed: 'origin_not_allowed',
};

async function failure(response: Response): Promise<Failure> {
  let code: string | undefined;
  let message: string | undefined;
  try {
    const parsed = errorResponse.safeParse(await response.json());
    if (parsed.success) ({ code, message } = parsed.data.error);
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status.
  }
  const status = response.status;
  const kind: FailureKind =
    (code && KIND_BY_CODE[code]) ||
    (status === 401
      ? 'unauthorized'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not_found'
          : status === 413
            ? 'payload_too_large'
            : status === 429
              ? 'rate_limited'
              : status >= 500
                ? 'server'
                : 'bad_request');
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    kind,
    status,
    message: message ?? t('syncErrors.status', status),
    ...(kind === 'rate_limited' && Number.isFinite(retryAfter) && retryAfter > 0
      ? { retryAfterMs: retryAfter * 1000 }
      : {}),
  };
}
