import { afterEach, describe, expect, it, vi } from 'vitest';
import { summarize, verifiedOutcome } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { zapier } from '../../../src/core/model/providers/zapier';
import {
  confirmWithServer,
  fetchServerResult,
  serverLaunch,
} from '../../../src/core/browser/serverLaunch';

const success = parseCallback('?authentication_id=1', { provider: zapier, expectedState: 's' });
const answer = (body: unknown, status = 200) => vi.fn(async () => Response.json(body, { status }));
afterEach(() => vi.unstubAllGlobals());

describe('the browser half of the server handler', () => {
  it('launch posts the state, mode, page and params, with same-origin credentials', async () => {
    const fetch = answer({ token: 't', app: 'SlackAPI' });
    vi.stubGlobal('fetch', fetch);
    const launch = serverLaunch('/api/connect', zapier, '/connect/callback', { app: 'SlackAPI' });
    expect(await launch({ state: 's', redirectUri: 'x', mode: 'popup' })).toEqual({
      token: 't',
      app: 'SlackAPI',
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/connect/launch/zapier');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(init.body))).toEqual({
      state: 's',
      mode: 'popup',
      page: '/connect/callback',
      params: { app: 'SlackAPI' },
    });
  });

  it('a launch the server refuses rejects (then the flow is launch_failed)', async () => {
    vi.stubGlobal('fetch', answer({ error: 'unauthenticated' }, 401));
    const launch = serverLaunch('/api/connect', zapier, '/cb');
    await expect(launch({ state: 's', redirectUri: 'x', mode: 'popup' })).rejects.toThrow(
      'launch_failed: 401 unauthenticated',
    );
  });

  it('the problem code reaches the hint; a body that names none says so', async () => {
    vi.stubGlobal('fetch', answer({ error: 'cross_origin' }, 403));
    const launch = serverLaunch('/api/connect', zapier, '/cb');
    await expect(launch({ state: 's', redirectUri: 'x', mode: 'popup' })).rejects.toThrow(
      'launch_failed: 403 cross_origin',
    );
    vi.stubGlobal('fetch', answer({ error: '<script>' }, 502));
    await expect(launch({ state: 's', redirectUri: 'x', mode: 'popup' })).rejects.toThrow(
      'launch_failed: 502 no problem code',
    );
  });

  it('a confirmed success is the verified outcome; anything else is not_recorded', async () => {
    vi.stubGlobal('fetch', answer({ outcome: verifiedOutcome(success) }));
    expect(await confirmWithServer('/api/connect', zapier, success, 's')).toMatchObject({
      screen: 'success',
      verified: true,
    });
    vi.stubGlobal('fetch', answer({ outcome: summarize(success) }));
    expect((await confirmWithServer('/api/connect', zapier, success, 's')).code).toBe(
      'not_recorded',
    );
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    expect((await confirmWithServer('/api/connect', zapier, success, 's')).code).toBe(
      'not_recorded',
    );
  });

  it('reads the waiting result only when it is a verified outcome', async () => {
    vi.stubGlobal('fetch', answer({ outcome: verifiedOutcome(success) }));
    expect(await fetchServerResult('/api/connect')).toMatchObject({ verified: true });
    vi.stubGlobal('fetch', answer({ outcome: null }));
    expect(await fetchServerResult('/api/connect')).toBeUndefined();
  });

  it("asks for the result of the marker's flow", async () => {
    const fetch = answer({ outcome: null });
    vi.stubGlobal('fetch', fetch);
    await fetchServerResult('/api/connect', 'gigs.0abcdefghXYZ_-123');
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe(
      '/api/connect/result?flow=0abcdefghXYZ_-123',
    );
  });
});
