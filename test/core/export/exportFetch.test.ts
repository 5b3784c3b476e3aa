import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  errorKindOf,
  ExportStatusError,
  fatalExportErrors,
  loadExportStatus,
  retryAfterMs,
  type ExportErrorKind,
} from '../../../src/core/export/exportFetch';

const uid = 'psub_d4e5f6789012345678901234abcdef01';
const body = { uid, sources: [{ provider: 'gmail', data_ready: true }] };
const report = {
  sources: [
    {
      provider: 'gmail',
      dataReady: true,
      exportStatus: undefined,
      dataLandedAt: undefined,
      exportCompletedAt: undefined,
    },
  ],
};

const json = (value: unknown, init?: ResponseInit) =>
  new Response(JSON.stringify(value), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
const signal = () => new AbortController().signal;
/** Reads a `Response` through a function endpoint. */
const read = (response: Response) => loadExportStatus(() => Promise.resolve(response), signal());
/** The rejection of a promise expected to reject. */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('resolved'),
    (error: unknown) => error,
  );

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('loadExportStatus: a URL', () => {
  it('GETs it with same-origin credentials, a JSON accept header and the signal', async () => {
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(json(body)));
    vi.stubGlobal('fetch', fetch);
    const abort = signal();
    await expect(loadExportStatus('/api/export-status', abort)).resolves.toEqual(report);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('/api/export-status', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: abort,
    });
    // GET: no method, no body.
    expect(fetch.mock.calls[0]?.[1]).not.toHaveProperty('method');
    expect(fetch.mock.calls[0]?.[1]).not.toHaveProperty('body');
  });

  it('reads an error status from the fetched response', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(json({ detail: 'Invalid token' }, { status: 401 })),
    );
    await expect(loadExportStatus('/api/x', signal())).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
    });
  });

  it('turns a failed request into a network error that keeps its cause', async () => {
    const cause = new TypeError('fetch failed');
    vi.stubGlobal('fetch', () => Promise.reject(cause));
    const error = await rejection(loadExportStatus('/api/x', signal()));
    expect(error).toBeInstanceOf(ExportStatusError);
    expect(error).toMatchObject({ kind: 'network', status: undefined, cause });
  });

  it('lets an abort through untouched', async () => {
    const controller = new AbortController();
    controller.abort();
    const reason: unknown = controller.signal.reason;
    vi.stubGlobal('fetch', () => Promise.reject(reason));
    await expect(loadExportStatus('/api/x', controller.signal)).rejects.toBe(reason);
  });
});

describe('loadExportStatus: a function', () => {
  it('is given the signal and may return the body', async () => {
    const abort = signal();
    const endpoint = vi.fn((_signal: AbortSignal) => Promise.resolve(body));
    await expect(loadExportStatus(endpoint, abort)).resolves.toEqual(report);
    expect(endpoint).toHaveBeenCalledWith(abort);
  });

  it('may return a Response', async () => {
    await expect(read(json(body))).resolves.toEqual(report);
    await expect(read(json({}, { status: 401 }))).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('may return a Response from another realm (duck-typed, not instanceof)', async () => {
    const foreign = {
      ok: true,
      status: 200,
      headers: new Headers(),
      json: () => Promise.resolve(body),
    };
    await expect(loadExportStatus(() => Promise.resolve(foreign), signal())).resolves.toEqual(
      report,
    );
    const denied = {
      ok: false,
      status: 403,
      headers: new Headers(),
      json: () => Promise.resolve({}),
    };
    await expect(loadExportStatus(() => Promise.resolve(denied), signal())).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 403,
    });
  });

  it('that throws or rejects gives a network error keeping the cause', async () => {
    const cause = new Error('boom');
    await expect(loadExportStatus(() => Promise.reject(cause), signal())).rejects.toMatchObject({
      kind: 'network',
      cause,
    });
    const sync = () => {
      throw cause;
    };
    await expect(loadExportStatus(sync, signal())).rejects.toMatchObject({
      kind: 'network',
      cause,
    });
  });

  it('that rejects after an abort passes the rejection through untouched', async () => {
    const controller = new AbortController();
    const reason = new DOMException('stopped', 'AbortError');
    const endpoint = (own: AbortSignal) =>
      new Promise((_, reject) => own.addEventListener('abort', () => reject(reason)));
    const loading = loadExportStatus(endpoint, controller.signal);
    controller.abort();
    await expect(loading).rejects.toBe(reason);
  });

  it.each([
    ['a string', 'nope'],
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['an object without sources', { detail: 'ok' }],
  ])('that answers %s gives a bad response without a status', async (_, answer) => {
    await expect(loadExportStatus(() => Promise.resolve(answer), signal())).rejects.toMatchObject({
      kind: 'bad-response',
      status: undefined,
    });
  });
});

describe('loadExportStatus: a typed error for every odd answer', () => {
  it.each([
    [401, 'unauthorized', { detail: 'Invalid token' }],
    [403, 'unauthorized', {}],
    [404, 'not-found', { detail: 'User not found' }],
    [422, 'invalid', { detail: [{ loc: ['path', 'uid'], msg: 'bad', type: 'value_error' }] }],
    [400, 'invalid', {}],
    [410, 'invalid', {}],
    [429, 'rate-limited', { detail: 'rate_limited' }],
    [500, 'server', {}],
    [502, 'server', {}],
    [503, 'server', {}],
  ] satisfies [number, ExportErrorKind, unknown][])('%i → %s', async (status, kind, detail) => {
    const error = await rejection(read(json(detail, { status })));
    expect(error).toBeInstanceOf(ExportStatusError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      kind,
      status,
      retryAfter: undefined,
      name: 'ExportStatusError',
      message: kind,
    });
  });

  it('reads Retry-After in seconds on 429', async () => {
    const response = json({}, { status: 429, headers: { 'retry-after': '30' } });
    await expect(read(response)).rejects.toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfter: 30_000,
    });
  });

  it('reads Retry-After as an HTTP date on 429', async () => {
    vi.useFakeTimers({ now: Date.parse('Wed, 21 Oct 2026 07:28:00 GMT') });
    const headers = { 'Retry-After': 'Wed, 21 Oct 2026 07:29:30 GMT' };
    await expect(read(json({}, { status: 429, headers }))).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfter: 90_000,
    });
  });

  it('reads Retry-After on a 503 too', async () => {
    const response = json({}, { status: 503, headers: { 'retry-after': '10' } });
    await expect(read(response)).rejects.toMatchObject({ kind: 'server', retryAfter: 10_000 });
  });

  it('ignores an unreadable Retry-After', async () => {
    const response = json({}, { status: 429, headers: { 'retry-after': 'soon' } });
    await expect(read(response)).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfter: undefined,
    });
  });

  it.each([
    ['HTML', () => new Response('<!doctype html><title>app</title>', { status: 200 })],
    ['an empty body', () => new Response('', { status: 200 })],
    ['JSON without sources', () => json({ detail: 'ok' })],
    ['JSON with sources not an array', () => json({ uid, sources: {} })],
    ['JSON null', () => json(null)],
  ])('%s on 200 is a bad response', async (_, response) => {
    await expect(read(response())).rejects.toMatchObject({ kind: 'bad-response', status: 200 });
  });

  it('parses a good answer, leaving the uid out', async () => {
    const result = await read(json(body));
    expect(result).toEqual(report);
    expect(JSON.stringify(result)).not.toContain(uid);
  });
});

describe('loadExportStatus: an abort while the body is read', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  it('passes through untouched rather than turning into a bad response', async () => {
    // A real server that sends its headers and then stalls the body.
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"sources": [');
    });
    await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    const controller = new AbortController();
    const endpoint = async (own: AbortSignal) => {
      const response = await fetch(`http://127.0.0.1:${port}/status`, { signal: own });
      // The headers are in: cancel while the body is still on its way.
      setTimeout(() => controller.abort(), 10);
      return response;
    };
    const error = await rejection(loadExportStatus(endpoint, controller.signal));
    server.closeAllConnections();
    expect(error).not.toBeInstanceOf(ExportStatusError);
    expect(error).toBe(controller.signal.reason);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5000],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    // A date in the past: no wait, never a negative one.
    ['Wed, 21 Oct 2026 07:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %s', (value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });

  it('measures a date from the current time by default', () => {
    vi.useFakeTimers({ now });
    expect(retryAfterMs('Wed, 21 Oct 2026 07:29:00 GMT')).toBe(60_000);
  });
});

describe('fatalExportErrors', () => {
  it('holds the errors that asking again cannot fix', () => {
    expect([...fatalExportErrors].sort()).toEqual(['invalid', 'not-found', 'unauthorized']);
    for (const kind of ['rate-limited', 'server', 'network', 'bad-response'] as const) {
      expect(fatalExportErrors.has(kind)).toBe(false);
    }
  });
});

describe('errorKindOf: one table for the browser and the server', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [404, 'not-found'],
    [429, 'rate-limited'],
    [400, 'invalid'],
    [422, 'invalid'],
    [500, 'server'],
    [503, 'server'],
    [302, 'bad-response'],
  ])('%i → %s', (status, kind) => {
    expect(errorKindOf(status)).toBe(kind);
  });
});
