import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  joinUrl,
  networkCause,
  requestJson,
  type FetchFunction,
} from '../../../src/server/providers/providerFetch';
import { listen, redirect, sendJson } from '../../../src/testing/http';

const request = () => new Request('https://api.test/thing');
const answer =
  (response: Response): FetchFunction =>
  () =>
    Promise.resolve(response);

describe('joinUrl', () => {
  it.each([
    ['https://api.gigs.com', '/x', 'https://api.gigs.com/x'],
    ['https://api.gigs.com/', '/x', 'https://api.gigs.com/x'],
    ['http://127.0.0.1:9/sandbox//', '/x', 'http://127.0.0.1:9/sandbox/x'],
  ])('%s + %s', (base, path, expected) => {
    expect(joinUrl(base, path)).toBe(expected);
  });
});

describe('networkCause', () => {
  it('keeps the name and the system code, not the message', () => {
    const original = new TypeError('request to https://x.test/export/status/psub_secret failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const cause = networkCause(original);
    expect(cause.message).toBe('TypeError (ECONNREFUSED)');
    expect(cause.name).toBe('NetworkFailure');
    expect(cause.cause).toBeUndefined();
  });

  it('reads odd throwables without echoing them', () => {
    expect(networkCause('token=abc').message).toBe('Error');
    expect(networkCause(Object.assign(new Error('x'), { code: 'lower case?' })).message).toBe(
      'Error',
    );
  });
});

describe('requestJson', () => {
  it('answers the parsed JSON of a 2xx', async () => {
    const response = Response.json({ a: 1 }, { status: 201 });
    await expect(requestJson(request(), { fetch: answer(response) })).resolves.toEqual({
      ok: true,
      status: 201,
      body: { a: 1 },
    });
  });

  it('reads a failure from the status and Retry-After', async () => {
    const response = new Response('{}', { status: 429, headers: { 'Retry-After': '7' } });
    await expect(requestJson(request(), { fetch: answer(response) })).resolves.toEqual({
      ok: false,
      failure: { kind: 'rate-limited', status: 429, retryAfter: 7000 },
    });
  });

  it('calls a 2xx that is not JSON a bad response', async () => {
    const response = new Response('<!doctype html>', { status: 200 });
    await expect(requestJson(request(), { fetch: answer(response) })).resolves.toEqual({
      ok: false,
      failure: { kind: 'bad-response', status: 200 },
    });
  });

  it('turns a thrown fetch into a sanitized network failure', async () => {
    const fetch: FetchFunction = () => Promise.reject(new TypeError('secret-in-message'));
    const result = await requestJson(request(), { fetch });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'network' } });
    expect(JSON.stringify(result)).not.toContain('secret-in-message');
    if (!result.ok) expect(result.failure.cause?.message).toBe('TypeError');
  });

  it("throws the caller's abort reason as is", async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    const fetch: FetchFunction = () => Promise.reject(new DOMException('aborted', 'AbortError'));
    await expect(requestJson(request(), { fetch, signal: controller.signal })).rejects.toBe(reason);
  });

  it('ends on the abort even when the fetch never looks at its signal', async () => {
    const controller = new AbortController();
    const fetch: FetchFunction = () => new Promise<Response>(() => {});
    const pending = requestJson(request(), { fetch, signal: controller.signal });
    const reason = new Error('providerTimeout');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('ends on the abort while a body never finishes', async () => {
    const controller = new AbortController();
    let finish = () => {};
    const body = new ReadableStream({ start: (stream) => void (finish = () => stream.close()) });
    const fetch: FetchFunction = () => Promise.resolve(new Response(body, { status: 200 }));
    const pending = requestJson(request(), { fetch, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error('late'));
    await expect(pending).rejects.toThrow('late');
    finish(); // nothing left pending when the file ends
  });
});

describe('requestJson with a URL and init (the global fetch)', () => {
  it('sends the method, headers and body as given, and never follows a redirect', async () => {
    const seen: Array<Record<string, string | undefined>> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method,
          auth: req.headers.authorization,
          type: req.headers['content-type'],
          body,
        });
        if (req.url === '/moved') return redirect(res, '/there', 302);
        sendJson(res, 201, { ok: true });
      });
    });
    const { origin, close } = await listen(server, 0, '127.0.0.1');
    try {
      const init = {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        body: '{"a":1}',
        redirect: 'manual' as const,
      };
      const sent = await requestJson({ url: `${origin}/thing`, init }, {});
      expect(sent).toEqual({ ok: true, status: 201, body: { ok: true } });
      const moved = await requestJson({ url: `${origin}/moved`, init }, {});
      expect(moved).toEqual({ ok: false, failure: { kind: 'bad-response', status: 302 } });
      expect(seen).toEqual([
        { method: 'POST', auth: 'Bearer t', type: 'application/json', body: '{"a":1}' },
        { method: 'POST', auth: 'Bearer t', type: 'application/json', body: '{"a":1}' },
      ]);
    } finally {
      await close();
    }
  });

  it('throws for a URL or header no Request takes, as `new Request` did, before sending', async () => {
    const bad = { headers: { Authorization: 'Bearer a\nb' } };
    await expect(requestJson({ url: 'https://api.test/x', init: bad }, {})).rejects.toThrow(
      TypeError,
    );
    await expect(requestJson({ url: 'not a url', init: {} }, {})).rejects.toThrow(TypeError);
    await expect(requestJson({ url: 'https://u:p@api.test/x', init: {} }, {})).rejects.toThrow(
      TypeError,
    );
  });

  it("gives an app's own fetch a Request", async () => {
    let received: unknown;
    const fetch: FetchFunction = (request) => {
      received = request;
      return Promise.resolve(Response.json({}));
    };
    const url = 'https://api.test/x';
    await requestJson(
      { url, init: { method: 'GET', headers: { Accept: 'application/json' } } },
      { fetch },
    );
    expect(received).toBeInstanceOf(Request);
    expect((received as Request).url).toBe(url);
    expect((received as Request).headers.get('accept')).toBe('application/json');
  });
});
