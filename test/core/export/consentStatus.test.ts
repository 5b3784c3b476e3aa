import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConsentStatusError,
  loadConsentStatus,
  parseConsentStatus,
} from '../../../src/core/export/consentStatus';

const validUntil = '2026-09-01T00:00:00.000Z';
const expiring = { provider: 'emerge', status: 'expiring', validUntil, daysLeft: 5 };

afterEach(() => vi.unstubAllGlobals());

describe('parseConsentStatus', () => {
  it('reads each provider, with the source when named', () => {
    expect(
      parseConsentStatus({
        providers: [
          { ...expiring, source: 'google_data' },
          { provider: 'other', status: 'none', validUntil: null, daysLeft: null },
        ],
      }),
    ).toEqual([
      { ...expiring, source: 'google_data' },
      { provider: 'other', status: 'none', validUntil: null, daysLeft: null },
    ]);
  });

  it.each([null, undefined, 'text', 42, [], {}, { providers: 'emerge' }, { providers: null }])(
    'refuses %j',
    (body) => expect(parseConsentStatus(body)).toBeUndefined(),
  );

  it('leaves out entries without a name or with an unknown status, keeps the first of each', () => {
    expect(
      parseConsentStatus({
        providers: [
          null,
          'emerge',
          { status: 'active' },
          { provider: '', status: 'active' },
          { provider: 'emerge', status: 'paused' },
          { provider: 'emerge', status: 'revoked' },
          { provider: 'emerge', status: 'active' },
        ],
      }),
    ).toEqual([{ provider: 'emerge', status: 'revoked', validUntil: null, daysLeft: null }]);
  });

  it('turns odd dates, day counts and sources into null or nothing', () => {
    const [entry] = parseConsentStatus({
      providers: [
        { provider: 'emerge', status: 'expiring', validUntil: 'soon', daysLeft: '5', source: 7 },
      ],
    })!;
    expect(entry).toEqual({
      provider: 'emerge',
      status: 'expiring',
      validUntil: null,
      daysLeft: null,
    });
    const [infinite] = parseConsentStatus({
      providers: [{ provider: 'emerge', status: 'active', daysLeft: Infinity }],
    })!;
    expect(infinite?.daysLeft).toBeNull();
  });
});

describe('loadConsentStatus', () => {
  const signal = () => new AbortController().signal;
  const answer = (response: Response) => {
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(response));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable('resolved'),
      (error: unknown) => error as ConsentStatusError,
    );

  it('GETs the URL with same-origin credentials and reads it', async () => {
    const fetch = answer(Response.json({ providers: [expiring] }));
    await expect(loadConsentStatus('/api/connect/consent-status', signal())).resolves.toEqual([
      expiring,
    ]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/connect/consent-status');
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin' });
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [404, 'not-found'],
    [500, 'server'],
  ])('reads %i as %s', async (status, kind) => {
    answer(new Response('no', { status }));
    const error = await failure(loadConsentStatus('/c', signal()));
    expect(error).toBeInstanceOf(ConsentStatusError);
    expect(error).toMatchObject({ kind, status });
  });

  it('reads a body that is not JSON, or not the format, as bad-response', async () => {
    answer(new Response('<html>', { status: 200 }));
    expect(await failure(loadConsentStatus('/c', signal()))).toMatchObject({
      kind: 'bad-response',
    });
    answer(Response.json({ sources: [] }));
    expect(await failure(loadConsentStatus('/c', signal()))).toMatchObject({
      kind: 'bad-response',
    });
  });

  it('reads a failed request as network, and lets an abort through', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    expect(await failure(loadConsentStatus('/c', signal()))).toMatchObject({ kind: 'network' });
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    vi.stubGlobal('fetch', () => Promise.reject(abort));
    expect(await failure(loadConsentStatus('/c', controller.signal))).toBe(abort);
  });
});
