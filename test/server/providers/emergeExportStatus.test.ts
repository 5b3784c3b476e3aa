import { describe, expect, it } from 'vitest';
import { ExportStatusError } from '../../../src/core/export/exportFetch';
import { documentedExportStatus, documentedUid } from '../../fixtures/exportStatusAnswer';
import { getEmergeExportStatus } from '../../../src/server/providers/emergeExportStatus';
import type { FetchFunction } from '../../../src/server/providers/providerFetch';
import {
  closedPortUrl,
  errorReplies,
  expectNoLeak,
  onlyRequest,
  mockProviderPerFile,
} from '../mockHttp';

const apiToken = 'emerge_api_token_71b';
const uid = documentedUid;
const documented = documentedExportStatus;
const parsed = {
  sources: [
    {
      provider: 'google_data',
      dataReady: true,
      exportStatus: 'completed',
      dataLandedAt: '2026-02-12T09:10:11.000000+00:00',
      exportCompletedAt: '2026-02-12T09:10:11.000000+00:00',
    },
    {
      provider: 'gmail',
      dataReady: false,
      exportStatus: 'running',
      dataLandedAt: undefined,
      exportCompletedAt: undefined,
    },
  ],
};

const provider = mockProviderPerFile(() => ({ status: 200, body: documented }));

describe('getEmergeExportStatus', () => {
  it('GETs /export/status/{uid} with bearer auth and answers the sources', async () => {
    const status = await getEmergeExportStatus({ uid, apiToken, baseUrl: provider.baseUrl });
    const request = onlyRequest(provider);
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`/export/status/${uid}`);
    expect(request.headers.authorization).toBe(`Bearer ${apiToken}`);
    expect(request.headers.accept).toBe('application/json');
    expect(request.body).toBe('');
    expect(status).toEqual(parsed);
  });

  it('never answers the uid', async () => {
    const status = await getEmergeExportStatus({ uid, apiToken, baseUrl: provider.baseUrl });
    expect(Object.keys(status)).toEqual(['sources']);
    expect(JSON.stringify(status)).not.toContain(uid);
  });

  it('encodes the uid as one path segment', async () => {
    await getEmergeExportStatus({ uid: 'a/b?c#d', apiToken, baseUrl: provider.baseUrl });
    expect(onlyRequest(provider).url).toBe('/export/status/a%2Fb%3Fc%23d');
  });

  it('goes to https://link.emergedata.ai by default, through an injected fetch', async () => {
    const seen: Request[] = [];
    const fetch: FetchFunction = (request) => {
      seen.push(request);
      return Promise.resolve(Response.json(documented));
    };
    await expect(getEmergeExportStatus({ uid, apiToken, fetch })).resolves.toEqual(parsed);
    expect(seen[0]?.url).toBe(`https://link.emergedata.ai/export/status/${uid}`);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${apiToken}`);
  });

  it('refuses an empty uid or token before sending anything', async () => {
    const options = { uid, apiToken, baseUrl: provider.baseUrl };
    await expect(getEmergeExportStatus({ ...options, uid: '' })).rejects.toThrow(TypeError);
    await expect(getEmergeExportStatus({ ...options, apiToken: '' })).rejects.toThrow(TypeError);
    expect(provider.requests).toHaveLength(0);
  });
});

describe('getEmergeExportStatus: the browser client error kinds, with no secret and no uid', () => {
  const secrets = [apiToken, uid];

  it.each(errorReplies(`${apiToken} ${uid}`))('%s', async (_, reply, expected) => {
    provider.reply = reply;
    const options = { uid, apiToken, baseUrl: provider.baseUrl };
    const error: unknown = await getEmergeExportStatus(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportStatusError);
    expect(error).toMatchObject(expected);
    expectNoLeak(error, secrets);
  });

  it.each([
    ['no sources array', { uid, detail: 'ok' }],
    ['sources that is not an array', { uid, sources: {} }],
  ])('a 200 with %s is a bad response', async (_, body) => {
    provider.reply = { status: 200, body };
    const options = { uid, apiToken, baseUrl: provider.baseUrl };
    const error: unknown = await getEmergeExportStatus(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportStatusError);
    expect(error).toMatchObject({ kind: 'bad-response', status: 200 });
    expectNoLeak(error, secrets);
  });

  it('a network failure (a closed port)', async () => {
    const options = { uid, apiToken, baseUrl: await closedPortUrl() };
    const error: unknown = await getEmergeExportStatus(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportStatusError);
    expect(error).toMatchObject({ kind: 'network' });
    expectNoLeak(error, secrets);
  });

  it('a fetch whose error message holds the request URL (and so the uid)', async () => {
    const fetch: FetchFunction = (request) =>
      Promise.reject(new TypeError(`request to ${request.url} failed`));
    const error: unknown = await getEmergeExportStatus({ uid, apiToken, fetch }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'network' });
    expectNoLeak(error, secrets);
  });
});
