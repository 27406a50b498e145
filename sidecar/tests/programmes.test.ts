import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canonicalJson,
  decodeEnrolmentCode,
  type ProgrammeReport,
  programmeSummary,
  withdrawalMessage,
} from '@tandem/protocol/programme';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCommand } from '../src/commands';
import { summaryCsv } from '../src/routes/programmes';
import { manualClock } from './helpers/fixtures';
import { bearer, makeTestApp, type TestApp } from './helpers/test-app';

const OPERATOR = 'operator-token-for-the-tests-0123456789';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const b64 = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('base64url');

const INPUT = {
  name: 'Spring cohort',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  milestones: [
    { id: 'agreement', kind: 'agreement', title: 'Agreement signed', due: '2026-01-31' },
    { id: 'closing', kind: 'closing', title: '=Closing', due: '2026-12-15' },
  ],
  agreementTemplate: 'We meet every two weeks.\nWhat we say stays between us.',
  prompts: [{ text: 'What surprised you?' }],
  sessionTemplates: [{ title: 'Kick-off', items: ['Hopes'] }],
  feedbackQuestions: ['What would you tell a new pair?'],
};

interface Pair {
  keys: CryptoKeyPair;
  publicKey: string;
  enrolmentId: string;
}

async function newPair(): Promise<Pair> {
  const keys = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    keys,
    publicKey: b64(await crypto.subtle.exportKey('raw', keys.publicKey)),
    enrolmentId: '',
  };
}
const sign = async (key: CryptoKey, message: unknown) =>
  b64(
    await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      new TextEncoder().encode(canonicalJson(message)),
    ),
  );

function report(programmeId: string, period: string, n = 1): ProgrammeReport {
  return {
    v: 1,
    programmeId,
    period,
    nonce: crypto
      .getRandomValues(new Uint8Array(16))
      .reduce((s, b) => s + 'ab'[b % 2], '')
      .padEnd(22, 'x'),
    sessionsHeld: n,
    rhythmKept: true,
    milestones: { agreement: true },
    goals: { active: 2, achieved: n, paused: 0, dropped: 0 },
    actionItems: { done: 3, open: 1 },
    usefulness: [0, 0, 0, 1, 1],
    rolesUsed: { advisor: 1, challenger: 1, connector: 0, supporter: 0 },
  };
}

describe('programme routes', () => {
  let t: TestApp;
  const clock = manualClock(new Date('2026-06-15T12:00:00Z'));

  beforeEach(() => {
    t = makeTestApp({ operatorToken: OPERATOR, clock, publicOrigin: 'https://sync.example.org' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function create(input: object = INPUT) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/programmes',
      headers: bearer(OPERATOR),
      payload: input,
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    const code = decodeEnrolmentCode(body.enrolmentCode);
    if (!code) throw new Error('no code');
    return { id: body.programme.id as string, secret: code.secret, code, body };
  }
  async function enrol(id: string, secret: string, pair?: Pair) {
    const p = pair ?? (await newPair());
    const response = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/enrolments`,
      payload: { secret, publicKey: p.publicKey },
    });
    expect([200, 201], response.body).toContain(response.statusCode);
    p.enrolmentId = response.json().enrolmentId;
    return p;
  }
  async function send(
    id: string,
    pair: Pair,
    body: ProgrammeReport,
    signWith = pair.keys.privateKey,
  ) {
    return t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/reports`,
      payload: {
        enrolmentId: pair.enrolmentId,
        report: body,
        signature: await sign(signWith, body),
      },
    });
  }
  const summary = (id: string, query = '', token = OPERATOR) =>
    t.app.inject({
      method: 'GET',
      url: `/programmes/${id}/summary${query}`,
      headers: bearer(token),
    });

  test('a coordinator creates a programme; the code says where and which, the secret is not stored', async () => {
    const { id, code, body } = await create();
    expect(code).toMatchObject({ sidecar: 'https://sync.example.org', programmeId: id });
    expect(body.programme).toMatchObject({ name: 'Spring cohort', minGroupSize: 5, version: 1 });
    const stored = await t.store.programmeById(id);
    expect(JSON.stringify(stored)).not.toContain(code.secret);
    const list = await t.app.inject({
      method: 'GET',
      url: '/programmes',
      headers: bearer(OPERATOR),
    });
    expect(list.json().programmes.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  test('without the operator token nothing is created or read; without it set, programmes are off', async () => {
    for (const headers of [{}, bearer('x'.repeat(43)), { authorization: `Bearer ${OPERATOR}x` }]) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/programmes',
        headers,
        payload: INPUT,
      });
      expect(created.statusCode).toBe(401);
      expect(created.json().error.code).toBe('unauthorized');
    }
    expect(await t.store.listProgrammes()).toEqual([]);
    const off = makeTestApp();
    try {
      const response = await off.app.inject({ method: 'GET', url: '/programmes' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({ code: 'programmes_disabled' });
      expect(response.json().error.message).toContain('SIDECAR_OPERATOR_TOKEN');
    } finally {
      await off.close();
    }
  });

  test('bad programme definitions are refused in words', async () => {
    for (const [input, words] of [
      [{ ...INPUT, minGroupSize: 2 }, 'minGroupSize'],
      [{ ...INPUT, startsOn: '2027-01-01' }, 'start before it ends'],
      [{ ...INPUT, notes: 'x' }, 'body'],
      [{ ...INPUT, agreementTemplate: 'tab\there' }, 'control characters'],
      [{ ...INPUT, name: 'Two\nlines' }, 'control characters'],
      [{ ...INPUT, milestones: [INPUT.milestones[0], INPUT.milestones[0]] }, 'same id'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/programmes',
        headers: bearer(OPERATOR),
        payload: input,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain(words);
    }
  });

  test('a pair reads the programme and enrols with the secret only; a key enrols once', async () => {
    const { id, secret } = await create();
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/programmes/${id}`,
      headers: { 'x-enrolment-secret': 'A'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('bad_enrolment_secret');
    const read = await t.app.inject({
      method: 'GET',
      url: `/programmes/${id}`,
      headers: { 'x-enrolment-secret': secret },
    });
    expect(read.json().programme.name).toBe('Spring cohort');
    expect(read.body).not.toContain(secret);

    const pair = await newPair();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/enrolments`,
      payload: { secret: 'A'.repeat(43), publicKey: pair.publicKey },
    });
    expect(refused.statusCode).toBe(403);
    const notAKey = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/enrolments`,
      payload: { secret, publicKey: `B${'A'.repeat(86)}` },
    });
    expect(notAKey.statusCode).toBe(400);
    await enrol(id, secret, pair);
    const again = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/enrolments`,
      payload: { secret, publicKey: pair.publicKey },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().enrolmentId).toBe(pair.enrolmentId);
  });

  test('a signed report is taken once; forged, tampered, replayed and misplaced ones are refused', async () => {
    const { id, secret } = await create();
    const other = await create({ ...INPUT, name: 'Autumn cohort' });
    const pair = await enrol(id, secret);
    const intruder = await newPair();

    const may = report(id, '2026-05');
    const taken = await send(id, pair, may);
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json()).toEqual({ period: '2026-05', receivedAt: clock.now().getTime() });

    const replay = await send(id, pair, may);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('duplicate_report');
    const again = await send(id, pair, report(id, '2026-05', 9));
    expect(again.statusCode).toBe(409);

    const forged = await send(id, pair, report(id, '2026-04'), intruder.keys.privateKey);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('bad_signature');

    const april = report(id, '2026-04');
    const signature = await sign(pair.keys.privateKey, april);
    const tampered = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/reports`,
      payload: {
        enrolmentId: pair.enrolmentId,
        report: { ...april, sessionsHeld: 40 },
        signature,
      },
    });
    expect(tampered.json().error.code).toBe('bad_signature');

    const stranger = await send(
      id,
      { ...intruder, enrolmentId: 'C'.repeat(43) },
      report(id, '2026-04'),
    );
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().error.code).toBe('not_enrolled');

    const elsewhere = await send(other.id, pair, report(id, '2026-04'));
    expect(elsewhere.statusCode).toBe(400);
    const notEnrolledThere = await send(other.id, pair, report(other.id, '2026-04'));
    expect(notEnrolledThere.json().error.code).toBe('not_enrolled');

    for (const period of ['2026-06', '2027-01', '2025-12']) {
      const response = await send(id, pair, report(id, period));
      expect(response.statusCode, period).toBe(400);
    }
    const unknownMilestone = await send(id, pair, {
      ...report(id, '2026-03'),
      milestones: { showcase: true },
    });
    expect(unknownMilestone.statusCode).toBe(400);

    // Text smuggled in as an extra field never gets in.
    const smuggled = report(id, '2026-02');
    const withText = { ...smuggled, note: 'Priya is struggling' };
    const response = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/reports`,
      payload: {
        enrolmentId: pair.enrolmentId,
        report: withText,
        signature: await sign(pair.keys.privateKey, withText),
      },
    });
    expect(response.statusCode).toBe(400);
    const malformed = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/reports`,
      payload: '{"enrolmentId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
  });

  test('leaving is signed; afterwards no report is taken and the key cannot enrol again', async () => {
    const { id, secret } = await create();
    const pair = await enrol(id, secret);
    const intruder = await newPair();
    const url = `/programmes/${id}/enrolments/${pair.enrolmentId}`;
    const forged = await t.app.inject({
      method: 'DELETE',
      url,
      payload: {
        signature: await sign(intruder.keys.privateKey, withdrawalMessage(id, pair.enrolmentId)),
      },
    });
    expect(forged.statusCode).toBe(400);
    expect((await send(id, pair, report(id, '2026-01'))).statusCode).toBe(201);

    const signature = await sign(pair.keys.privateKey, withdrawalMessage(id, pair.enrolmentId));
    expect((await t.app.inject({ method: 'DELETE', url, payload: { signature } })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ method: 'DELETE', url, payload: { signature } })).statusCode).toBe(
      204,
    );
    const after = await send(id, pair, report(id, '2026-02'));
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('withdrawn');
    const back = await t.app.inject({
      method: 'POST',
      url: `/programmes/${id}/enrolments`,
      payload: { secret, publicKey: pair.publicKey },
    });
    expect(back.json().error.code).toBe('withdrawn');
  });

  test('the summary shows figures only for groups of the minimum size, and the CSV says so in words', async () => {
    const { id, secret } = await create({ ...INPUT, minGroupSize: 3 });
    const pairs = [];
    for (let i = 0; i < 3; i += 1) pairs.push(await enrol(id, secret));
    for (const pair of pairs)
      expect((await send(id, pair, report(id, '2026-03', 2))).statusCode).toBe(201);
    expect((await send(id, pairs[0] as Pair, report(id, '2026-04', 5))).statusCode).toBe(201);

    expect((await summary(id, '', 'y'.repeat(43))).statusCode).toBe(401);
    expect((await summary(id, '?from=2026-05&to=2026-04')).statusCode).toBe(400);
    expect((await summary(id, '?from=2026-13')).statusCode).toBe(400);
    const response = await summary(id, '?from=2026-03&to=2026-04');
    expect(response.statusCode, response.body).toBe(200);
    const body = programmeSummary.parse(response.json());
    expect(body.enrolled).toBe(3);
    expect(body.active).toBe(3);
    expect(body.months).toEqual([
      { period: '2026-03', sessions: 6, rhythmKept: 1 },
      { period: '2026-04', sessions: null, rhythmKept: null },
    ]);
    expect(body.milestones).toEqual({ agreement: 1, closing: null });
    expect(body.goals.achieved).toBe(6);
    const defaults = programmeSummary.parse((await summary(id)).json());
    expect([defaults.from, defaults.to, defaults.months.length]).toEqual([
      '2026-01',
      '2026-12',
      12,
    ]);

    const csv = await t.app.inject({
      method: 'GET',
      url: `/programmes/${id}/summary.csv?from=2026-03&to=2026-04`,
      headers: bearer(OPERATOR),
    });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="programme-${id}.csv"`);
    expect(csv.body).toContain('sessions,2026-03,6\r\n');
    expect(csv.body).toContain('sessions,2026-04,too few pairs to show\r\n');
    // A milestone title that looks like a formula is defused.
    expect(csv.body).toContain('milestone reached: =Closing');
    expect(csv.body).not.toMatch(/(^|\r\n)=/);
    expect(summaryCsv(body).split('\r\n')[0]).toBe('figure,period,value');
  });
});

describe('the create-programme command', () => {
  test('makes a programme from a JSON file and prints its code; a bad file is refused in words', async () => {
    const t = makeTestApp();
    const dir = mkdtempSync(join(tmpdir(), 'tandem-programme-file-'));
    try {
      const good = join(dir, 'programme.json');
      writeFileSync(good, JSON.stringify(INPUT));
      const out = await runCommand(t.store, ['create-programme', good], {
        publicOrigin: 'https://sync.example.org',
      });
      expect(out).toMatch(/^created programme "Spring cohort" \([\w-]{22}\)\n/);
      const code = decodeEnrolmentCode(out.split('\n')[2] ?? '');
      expect(code?.sidecar).toBe('https://sync.example.org');
      expect((await t.store.listProgrammes()).map((p) => p.id)).toEqual([code?.programmeId]);

      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...INPUT, minGroupSize: 1 }));
      await expect(runCommand(t.store, ['create-programme', bad])).rejects.toThrow(
        /bad\.json: minGroupSize/,
      );
      writeFileSync(bad, '{ not json');
      await expect(runCommand(t.store, ['create-programme', bad])).rejects.toThrow(
        /not a readable JSON file/,
      );
      writeFileSync(bad, JSON.stringify({ ...INPUT, startsOn: '2030-01-01' }));
      await expect(runCommand(t.store, ['create-programme', bad])).rejects.toThrow(
        /start before it ends/,
      );
      expect(await t.store.listProgrammes()).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.close();
    }
  });
});
