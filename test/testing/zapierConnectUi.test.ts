import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZapierConnectToken } from '../../src/server/providers/zapierToken';
import { startMockProviders, type MockProviders } from '../../src/testing/index';

const callback = 'http://127.0.0.1:3000/connect/callback';

describe('the mock Zapier Connect UI (/zapier/to/:app)', () => {
  let mock: MockProviders;
  beforeAll(async () => {
    mock = await startMockProviders();
  });
  afterAll(() => mock.close());

  async function token(app = 'SlackAPI') {
    const { clientId, clientSecret, baseUrl, connectBaseUrl } = mock.handlerConfig.zapier;
    const config = {
      clientId,
      clientSecret,
      app,
      subjectToken: 'user-token',
      baseUrl,
      connectBaseUrl,
    };
    return (await createZapierConnectToken(config)).token;
  }
  const page = (app: string, query: Record<string, string>, init: RequestInit = {}) =>
    fetch(`${mock.handlerConfig.zapier.connectBaseUrl}/to/${app}?${new URLSearchParams(query)}`, {
      redirect: 'manual',
      ...init,
    });
  const locationOf = (response: Response) =>
    Object.fromEntries(new URL(response.headers.get('location') ?? '').searchParams);

  it('redirect mode: a session form, then the outcome back to redirect_uri', async () => {
    const shown = await page('SlackAPI', {
      token: await token(),
      redirect_uri: callback,
      state: 's1',
    });
    expect(shown.status).toBe(200);
    const html = await shown.text();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(session).toMatch(/^zs_/);
    const submit = (outcome: string) =>
      fetch(`${mock.origin}/zapier/finish`, {
        method: 'POST',
        body: new URLSearchParams({ session, outcome }),
        redirect: 'manual',
      });
    const done = await submit('success');
    expect(done.status).toBe(303);
    expect(locationOf(done)).toEqual({
      authentication_id: expect.stringMatching(/^\d+$/),
      service: 'SlackAPI',
    });
    // A session ends once.
    const again = await submit('success');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This session has ended.');
  });

  it('a connect token starts one session: reused, it is Invalid token; for another app too', async () => {
    const value = await token();
    const query = { token: value, redirect_uri: callback, state: 's2' };
    expect((await page('SlackAPI', { ...query, auto: 'success', autoRedirect: '1' })).status).toBe(
      302,
    );
    const reused = await page('SlackAPI', query);
    expect(locationOf(reused)).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid token',
      service: 'SlackAPI',
      state: 's2',
    });
    const otherApp = await page('GoogleSheetsAPI', { ...query, token: await token() });
    expect(locationOf(otherApp)).toMatchObject({ error_description: 'Invalid token' });
  });

  it('refuses a redirect_uri that is not acceptable, with no redirect', async () => {
    const answer = await page('SlackAPI', {
      token: await token(),
      redirect_uri: 'javascript:alert(1)',
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBe(null);
  });

  it('popup mode: posts authenticationSuccess to the loopback origin that opened it', async () => {
    const answer = await page(
      'SlackAPI',
      { token: await token(), reconnect_id: '4242' },
      { headers: { Referer: 'http://127.0.0.1:5173/integrations' } },
    );
    const html = await answer.text();
    expect(html).toContain('"http://127.0.0.1:5173"');
    expect(html).toContain('{"type":"authenticationSuccess","authId":4242}');
    // The authentication is listed from the moment the Connect UI opens.
    const listed = await fetch(
      `${mock.handlerConfig.zapier.baseUrl}/v2/authentications?app=SlackAPI`,
      {
        headers: { Authorization: 'Bearer user-token' },
      },
    );
    expect(JSON.stringify(await listed.json())).toContain('"id":"4242"');
  });

  it('popup mode: no target for a referrer that is not loopback, and an invalid token is an error', async () => {
    const answer = await page(
      'SlackAPI',
      { token: 'zct_unknown' },
      { headers: { Referer: 'https://evil.example/' } },
    );
    const html = await answer.text();
    expect(html).toContain('targets = []');
    expect(html).toContain('{"type":"authenticationError","error":"invalid_request"}');
    expect(html).toContain('Invalid token');
  });
});
