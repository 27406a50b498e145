import { describe, expect, test } from 'vitest';
import { type ProgrammeRequestError, programmeClient } from '../../../utils/programme/client';
import { computeReport } from '../../../utils/programme/report';
import { PROGRAMME, pairRecords } from './fixtures';

const SIDECAR = 'https://programme.example.org';
const SECRET = 'S'.repeat(43);

function answering(status: number, body: unknown, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(input as string, init));
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

async function failure(promise: Promise<unknown>): Promise<ProgrammeRequestError> {
  try {
    await promise;
  } catch (error) {
    return error as ProgrammeRequestError;
  }
  throw new Error('expected a failure');
}

const signed = () => ({
  enrolmentId: 'E'.repeat(43),
  report: computeReport(pairRecords(), '2026-11', 'N'.repeat(22)),
  signature: 'A'.repeat(86),
});

describe('the programme sidecar, treated as untrusted', () => {
  test('fetches the programme with the secret in a header, never in the address', async () => {
    const seen: Request[] = [];
    const client = programmeClient(SIDECAR, answering(200, { programme: PROGRAMME }, seen));
    expect(await client.programme(PROGRAMME.id, SECRET)).toEqual(PROGRAMME);
    expect(seen[0]?.url).toBe(`${SIDECAR}/programmes/${PROGRAMME.id}`);
    expect(seen[0]?.headers.get('x-enrolment-secret')).toBe(SECRET);
  });

  test('refuses a programme that is not the one asked for, or not a programme at all', async () => {
    const other = programmeClient(
      SIDECAR,
      answering(200, { programme: { ...PROGRAMME, id: 'B'.repeat(22) } }),
    );
    expect((await failure(other.programme(PROGRAMME.id, SECRET))).message).toMatch(
      /does not understand/,
    );
    const extra = programmeClient(
      SIDECAR,
      answering(200, { programme: { ...PROGRAMME, script: '<script>' } }),
    );
    expect((await failure(extra.programme(PROGRAMME.id, SECRET))).code).toBe('bad_response');
  });

  test('says a refused code and an unknown programme in its own words, not the sidecar’s', async () => {
    const refused = programmeClient(
      SIDECAR,
      answering(403, { error: { code: 'forbidden', message: '<b>evil</b>' } }),
    );
    const error = await failure(refused.programme(PROGRAMME.id, SECRET));
    expect(error.message).toMatch(/refused the enrolment code/);
    expect(error.message).not.toContain('evil');
    const unknown = programmeClient(SIDECAR, answering(404, 'nope'));
    expect((await failure(unknown.programme(PROGRAMME.id, SECRET))).message).toMatch(
      /answered 404/,
    );
  });

  test('a 409 duplicate report is "already sent", a 201 is received, anything else fails', async () => {
    const duplicate = programmeClient(
      SIDECAR,
      answering(409, { error: { code: 'duplicate_report', message: 'x' } }),
    );
    expect(await duplicate.report(PROGRAMME.id, signed())).toEqual({ kind: 'duplicate' });
    const received = programmeClient(SIDECAR, answering(201, { period: '2026-11', receivedAt: 5 }));
    expect(await received.report(PROGRAMME.id, signed())).toEqual({
      kind: 'received',
      receivedAt: 5,
    });
    const wrongMonth = programmeClient(
      SIDECAR,
      answering(201, { period: '2026-10', receivedAt: 5 }),
    );
    expect((await failure(wrongMonth.report(PROGRAMME.id, signed()))).code).toBe('bad_response');
    const forged = programmeClient(
      SIDECAR,
      answering(400, { error: { code: 'bad_signature', message: 'x' } }),
    );
    expect((await failure(forged.report(PROGRAMME.id, signed()))).message).toMatch(
      /could not verify/,
    );
  });

  test('an unreachable sidecar is said in words', async () => {
    const offline = programmeClient(SIDECAR, async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failure(offline.programme(PROGRAMME.id, SECRET));
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/cannot be reached/);
  });
});
