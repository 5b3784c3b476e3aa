import { describe, expect, it } from 'vitest';
import {
  joinUrl,
  networkCause,
  requestJson,
  type FetchFunction,
} from '../../../src/server/providers/providerFetch';

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
