import { describe, expect, test } from 'vitest';
import { eventStreamParser, sidecarClient } from '../../../utils/sync/client';

const SPACE = 'AAAAAAAAAAAAAAAAAAAAAA';

function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    })) as typeof fetch;
}

describe('the sidecar client', () => {
  test('sends the device token as a Bearer header and checks the answer', async () => {
    let seen: Request | undefined;
    const client = sidecarClient('http://127.0.0.1:8787/', 'T'.repeat(43), {
      fetch: (async (input, init) => {
        seen = new Request(input, init);
        return new Response(JSON.stringify({ entries: [], cursor: 7, more: false }), {
          status: 200,
        });
      }) as typeof fetch,
    });
    const result = await client.pull(SPACE, 7, 100);
    expect(result).toEqual({ ok: true, value: { entries: [], cursor: 7, more: false } });
    expect(seen?.url).toBe(`http://127.0.0.1:8787/v1/spaces/${SPACE}/pull?after=7&limit=100`);
    expect(seen?.headers.get('authorization')).toBe(`Bearer ${'T'.repeat(43)}`);
  });

  test('an answer that does not fit the protocol is a bad response, not a crash', async () => {
    const client = sidecarClient('http://x', 't', { fetch: answering(200, { entries: 'nope' }) });
    expect(await client.pull(SPACE, 0, 1)).toMatchObject({ ok: false, kind: 'bad_response' });
    const html = sidecarClient('http://x', 't', { fetch: answering(200, '<html>') });
    expect(await html.health()).toMatchObject({ ok: false, kind: 'bad_response' });
  });

  test.each([
    [401, 'unauthorized', 'unauthorized'],
    [403, 'forbidden', 'forbidden'],
    [403, 'invite_invalid', 'invite_invalid'],
    [404, 'not_found', 'not_found'],
    [413, 'payload_too_large', 'payload_too_large'],
    [500, 'internal', 'server'],
    [400, 'bad_request', 'bad_request'],
    [413, 'quota_exceeded', 'quota_exceeded'],
    [409, 'limit_reached', 'limit_reached'],
    [409, 'mutation_conflict', 'bad_request'],
    [401, 'create_token_required', 'create_token_required'],
    [403, 'origin_not_allowed', 'origin_not_allowed'],
  ])('maps a %i %s error to a typed failure', async (status, code, kind) => {
    const client = sidecarClient('http://x', 't', {
      fetch: answering(status, { error: { code, message: 'Said the sidecar.' } }),
    });
    expect(await client.devices(SPACE)).toMatchObject({
      ok: false,
      kind,
      status,
      message: 'Said the sidecar.',
    });
  });

  test('a creation token goes in the Authorization header of creating a space only', async () => {
    const seen: (string | null)[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get('authorization'));
      return new Response(JSON.stringify({ error: { code: 'internal', message: 'x' } }), {
        status: 500,
      });
    }) as typeof globalThis.fetch;
    await sidecarClient('http://x', undefined, { fetch }).createSpace('Mentor', 'c'.repeat(32));
    await sidecarClient('http://x', undefined, { fetch }).createSpace('Mentor');
    await sidecarClient('http://x', 'device-token', { fetch }).createSpace('Mentor');
    expect(seen).toEqual([`Bearer ${'c'.repeat(32)}`, null, null]);
  });

  test('a proxy error page and a rate limit are understood by their status', async () => {
    const bad = sidecarClient('http://x', 't', { fetch: answering(502, 'Bad gateway') });
    expect(await bad.devices(SPACE)).toMatchObject({ ok: false, kind: 'server' });
    const busy = sidecarClient('http://x', 't', {
      fetch: answering(
        429,
        { error: { code: 'rate_limited', message: 'Slow down.' } },
        { 'retry-after': '3' },
      ),
    });
    expect(await busy.devices(SPACE)).toMatchObject({
      ok: false,
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
  });

  test('no network, or no answer in time, is "offline"', async () => {
    const down = sidecarClient('http://x', 't', {
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    expect(await down.health()).toMatchObject({ ok: false, kind: 'offline' });
    const slow = sidecarClient('http://x', 't', {
      timeoutMs: 20,
      fetch: ((_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        )) as typeof fetch,
    });
    expect(await slow.health()).toMatchObject({ ok: false, kind: 'offline', message: /in time/ });
  });

  test('the event stream reports each time the log grows, until it is stopped', async () => {
    const encoder = new TextEncoder();
    const client = sidecarClient('http://x', 't', {
      fetch: (async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(encoder.encode(': connected\n\nevent: log\ndata: {"se'));
              controller.enqueue(encoder.encode('q":4}\n\nevent: other\ndata: {}\n\n'));
              controller.enqueue(encoder.encode('event: log\ndata: {"seq":9}\n\n'));
              controller.close();
            },
          }),
          { status: 200, headers: { 'content-type': 'text/event-stream' } },
        )) as typeof fetch,
    });
    const seqs: number[] = [];
    const ended = await client.events(SPACE, (seq) => seqs.push(seq), new AbortController().signal);
    expect(seqs).toEqual([4, 9]);
    // The sidecar ended the stream: the caller reconnects later.
    expect(ended).toMatchObject({ ok: false, kind: 'offline' });
  });
});

describe('server-sent events', () => {
  test('are parsed whatever the chunks, with comments and CRLF', () => {
    const events: [string, string][] = [];
    const feed = eventStreamParser((event, data) => events.push([event, data]));
    for (const chunk of [
      ': hi\r\n\r\nevent: log\r\nda',
      'ta: {"seq":1}\r\n',
      '\r\ndata: a\ndata: b\n\n',
    ]) {
      feed(chunk);
    }
    expect(events).toEqual([
      ['log', '{"seq":1}'],
      ['message', 'a\nb'],
    ]);
  });
});
