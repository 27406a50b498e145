/*
 * Talking to a programme's sidecar (protocol/src/programme.ts's routes). The sidecar is not
 * trusted: every answer is parsed with the protocol's schemas, every call times out, and every
 * failure comes back as words a person can act on.
 */
import {
  enrolResponse,
  type ProgrammeDefinition,
  programmeResponse,
  reportReceipt,
  type SignedReport,
} from '@tandem/protocol/programme';
import * as z from 'zod/mini';
import { t } from '../i18n';

const TIMEOUT_MS = 15_000;

/** Programme errors carry codes of their own (withdrawn, duplicate_report…): any short code. */
const errorBody = z.object({
  error: z.object({ code: z.string().check(z.maxLength(64)), message: z.string() }),
});

export class ProgrammeRequestError extends Error {
  constructor(
    message: string,
    /** The sidecar's error code, 'offline' or 'bad_response'. */
    readonly code: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ProgrammeRequestError';
  }
}

type Fetch = typeof fetch;

async function call<S extends z.ZodMiniType>(
  doFetch: Fetch,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  schema: S | null,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; value: z.infer<S> }> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new ProgrammeRequestError(
      timedOut ? t('programme.errors.timeout') : t('programme.errors.unreachable'),
      'offline',
    );
  }
  let json: unknown;
  try {
    json = response.status === 204 ? undefined : await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const parsed = errorBody.safeParse(json);
    const code = parsed.success ? parsed.data.error.code : 'bad_response';
    throw new ProgrammeRequestError(errorWords(code, response.status), code, response.status);
  }
  if (schema === null) return { status: response.status, value: undefined as z.infer<S> };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProgrammeRequestError(t('programme.errors.badResponse'), 'bad_response');
  }
  return { status: response.status, value: parsed.data };
}

/** The sidecar's own message is never shown: its code picks words of ours. */
function errorWords(code: string, status: number): string {
  switch (code) {
    case 'forbidden':
      return t('programme.errors.forbidden');
    case 'not_found':
      return t('programme.errors.notFound');
    case 'withdrawn':
      return t('programme.errors.withdrawn');
    case 'not_enrolled':
      return t('programme.errors.notEnrolled');
    case 'bad_signature':
      return t('programme.errors.badSignature');
    case 'rate_limited':
      return t('programme.errors.rateLimited');
    default:
      return t('programme.errors.status', String(status));
  }
}

export interface ProgrammeClient {
  /** The programme's definition; refuses one that is not the programme the code names. */
  programme(id: string, secret: string): Promise<ProgrammeDefinition>;
  enrol(id: string, secret: string, publicKey: string): Promise<string>;
  /** 'received' with the server's time, or 'duplicate': the month was sent already. */
  report(
    id: string,
    signed: SignedReport,
  ): Promise<{ kind: 'received'; receivedAt: number } | { kind: 'duplicate' }>;
  withdraw(id: string, enrolmentId: string, signature: string): Promise<void>;
}

export function programmeClient(sidecar: string, doFetch: Fetch = fetch): ProgrammeClient {
  const base = `${sidecar.replace(/\/+$/, '')}/programmes`;
  const f: Fetch = (...args) => doFetch(...args);
  return {
    async programme(id, secret) {
      const { value } = await call(f, 'GET', `${base}/${id}`, programmeResponse, {
        headers: { 'x-enrolment-secret': secret },
      });
      if (value.programme.id !== id) {
        throw new ProgrammeRequestError(t('programme.errors.badResponse'), 'bad_response');
      }
      return value.programme;
    },
    async enrol(id, secret, publicKey) {
      const { value } = await call(f, 'POST', `${base}/${id}/enrolments`, enrolResponse, {
        body: { secret, publicKey },
      });
      return value.enrolmentId;
    },
    async report(id, signed) {
      try {
        const { value } = await call(f, 'POST', `${base}/${id}/reports`, reportReceipt, {
          body: signed,
        });
        if (value.period !== signed.report.period) {
          throw new ProgrammeRequestError(t('programme.errors.badResponse'), 'bad_response');
        }
        return { kind: 'received', receivedAt: value.receivedAt };
      } catch (error) {
        // The other member's browser sent this month first: sent, not failed.
        if (error instanceof ProgrammeRequestError && error.code === 'duplicate_report') {
          return { kind: 'duplicate' };
        }
        throw error;
      }
    },
    async withdraw(id, enrolmentId, signature) {
      await call(f, 'DELETE', `${base}/${id}/enrolments/${enrolmentId}`, null, {
        body: { signature },
      });
    },
  };
}
