// How an attempt launches and confirms, from the flow's options: the app's own launch, or the
// server half's routes (their client loads with import(), only with basePath).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmOf, launchOf } from '../../../src/core/flow/attemptLaunch';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { zapier } from '../../../src/core/model/providers/zapier';
import { appOrigin, fakeFlowBrowser } from '../fakeFlowBrowser';

const context = { state: 's'.repeat(43), redirectUri: 'x', mode: 'popup' } as const;
afterEach(() => vi.unstubAllGlobals());

describe('launchOf', () => {
  it("is the app's own launch when it gives one", () => {
    const launch = async () => ({ token: 't', app: 'SlackAPI' });
    expect(launchOf({ provider: zapier, launch }, fakeFlowBrowser().browser)).toBe(launch);
  });

  it('with basePath, posts to the launch route with the callback page as a same-origin path', async () => {
    const fetch = vi.fn(async () => Response.json({ token: 't', app: 'SlackAPI' }));
    vi.stubGlobal('fetch', fetch);
    const launch = launchOf(
      {
        provider: zapier,
        basePath: '/api/connect',
        redirectUri: `${appOrigin}/integrations/done?from=apps`,
        launchParams: { app: 'SlackAPI' },
      },
      fakeFlowBrowser().browser,
    );
    await expect(launch(context)).resolves.toEqual({ token: 't', app: 'SlackAPI' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/connect/launch/zapier');
    expect(JSON.parse(String(init.body))).toMatchObject({
      page: '/integrations/done?from=apps',
      params: { app: 'SlackAPI' },
    });
  });
});

describe('confirmOf', () => {
  const success = parseCallback('?authentication_id=1', { provider: zapier, expectedState: 's' });

  it('is undefined without basePath: a message success stands as it is', () => {
    expect(confirmOf({ provider: zapier, launch: async () => ({ token: 't', app: 'a' }) })).toBe(
      undefined,
    );
  });

  it('with basePath, posts the authentication id and state to the confirm route', async () => {
    const fetch = vi.fn(async () => Response.json({ error: 'nope' }, { status: 400 }));
    vi.stubGlobal('fetch', fetch);
    const confirm = confirmOf({ provider: zapier, basePath: '/api/connect' });
    const outcome = await confirm?.(success, 'state-1');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/connect/confirm/zapier');
    expect(JSON.parse(String(init.body))).toEqual({ authenticationId: '1', state: 'state-1' });
    // Not confirmed: never a success.
    expect(outcome).toMatchObject({ screen: 'error', code: 'not_recorded' });
  });

  it('with basePath and a server client that does not load, resolves to not_recorded', async () => {
    vi.resetModules();
    vi.doMock('../../../src/core/browser/serverLaunch', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    try {
      const fetch = vi.fn();
      vi.stubGlobal('fetch', fetch);
      const fresh = await import('../../../src/core/flow/attemptLaunch');
      const confirm = fresh.confirmOf({ provider: zapier, basePath: '/api/connect' });
      const outcome = await confirm?.(success, 'state-1');
      expect(outcome).toMatchObject({ screen: 'error', code: 'not_recorded', provider: 'zapier' });
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      vi.doUnmock('../../../src/core/browser/serverLaunch');
      vi.resetModules();
    }
  });
});
