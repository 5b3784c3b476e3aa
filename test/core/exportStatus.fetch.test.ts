import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportStatusError, loadExportStatus, retryAfterMs } from '../../src/core/index';

const json = (body: unknown, init?: ResponseInit) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
const body = { uid: 'psub_1', sources: [{ provider: 'gmail', data_ready: true }] };
const signal = () => new AbortController().signal;
/** Reads a `Response` the way the hook does, through a function endpoint. */
const read = (response: Response) => loadExportStatus(() => Promise.resolve(response), signal());

describe('loadExportStatus: a typed error for every odd answer', () => {
  it.each([
    [401, { detail: 'Invalid token' }, 'unauthorized'],
    [403, {}, 'unauthorized'],
    [404, { detail: 'User not found' }, 'not-found'],
    [422, { detail: [{ loc: ['path', 'uid'], msg: 'bad', type: 'value_error' }] }, 'invalid'],
    [400, {}, 'invalid'],
    [429, { detail: 'rate_limited' }, 'rate-limited'],
    [500, {}, 'server'],
    [503, {}, 'server'],
  ])('%i → %s', async (status, detail, kind) => {
    const error = await read(json(detail, { status })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportStatusError);
    expect(error).toMatchObject({ kind, status, name: 'ExportStatusError' });
  });

  it('reads Retry-After on 429', async () => {
    const response = json({}, { status: 429, headers: { 'retry-after': '30' } });
    await expect(read(response)).rejects.toMatchObject({ retryAfter: 30_000 });
  });

  it.each([
    ['HTML', new Response('<!doctype html><title>app</title>', { status: 200 })],
    ['an empty body', new Response('', { status: 200 })],
    ['JSON without sources', json({ detail: 'ok' })],
  ])('%s on 200 is a bad response', async (_, response) => {
    await expect(read(response)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('parses a good answer', async () => {
    await expect(read(json(body))).resolves.toMatchObject({
      uid: 'psub_1',
      sources: [{ provider: 'gmail', dataReady: true }],
    });
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('loadExportStatus', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('GETs a URL with same-origin credentials and the signal', async () => {
    const fetch = vi.fn(() => Promise.resolve(json(body)));
    vi.stubGlobal('fetch', fetch);
    const abort = signal();
    await expect(loadExportStatus('/api/export-status', abort)).resolves.toMatchObject({
      uid: 'psub_1',
    });
    expect(fetch).toHaveBeenCalledWith('/api/export-status', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: abort,
    });
  });

  it('turns a failed request into a network error', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('fetch failed')));
    await expect(loadExportStatus('/api/x', signal())).rejects.toMatchObject({ kind: 'network' });
  });

  it('lets an abort through untouched', async () => {
    const controller = new AbortController();
    controller.abort();
    const reason = controller.signal.reason as unknown;
    vi.stubGlobal('fetch', () => Promise.reject(reason));
    await expect(loadExportStatus('/api/x', controller.signal)).rejects.toBe(reason);
  });

  it('takes a function that returns the body, or a Response, or throws', async () => {
    await expect(loadExportStatus(() => Promise.resolve(body), signal())).resolves.toMatchObject({
      uid: 'psub_1',
    });
    const response = () => Promise.resolve(json({}, { status: 401 }));
    await expect(loadExportStatus(response, signal())).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    const broken = () => Promise.reject(new Error('boom'));
    await expect(loadExportStatus(broken, signal())).rejects.toMatchObject({ kind: 'network' });
    await expect(loadExportStatus(() => Promise.resolve('nope'), signal())).rejects.toMatchObject({
      kind: 'bad-response',
    });
  });
});
