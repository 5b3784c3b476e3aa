import { describe, expect, it } from 'vitest';
import {
  app,
  basePath,
  configSecrets,
  state,
  testHandler,
  mockProvidersForFile,
  consentAtEmerge,
  openZapierPopup,
} from '../handlerFixture';

const providers = mockProvidersForFile();

const readResult = (run: ReturnType<typeof testHandler>) => run.readResult();

describe('createConnectHandler: a whole Gigs flow', () => {
  it('launch binds the flow in a signed HttpOnly cookie and returns what useConnect needs', async () => {
    const run = testHandler(providers());
    const response = await run.launch('gigs', { page: '/connect/callback?from=settings' });
    expect(response.status).toBe(200);
    const launch = (await response.json()) as { url: string; id: string };
    expect(launch.id).toMatch(/^csn_/);
    expect(new URL(launch.url).searchParams.get('session')).toBe(launch.id);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(
      /^rcf_flow_gigs_[0-9a-z]{9}[\w-]{8}=[\w-]+\.[0-9a-f]{64}; Path=\/api\/connect; Max-Age=900/,
    );
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    // Plain http on loopback: no `Secure`, or the browser would drop it.
    expect(cookie).not.toContain('Secure');
  });

  it('the callback is verified against the cookie, recorded once, and 303s without ids', async () => {
    const run = testHandler(providers());
    const { id } = (await (
      await run.launch('gigs', { page: '/connect/callback?from=settings' })
    ).json()) as {
      id: string;
    };
    const back = await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toMatch(
      /^\/connect\/callback\?from=settings&rcf_result=gigs\.[0-9a-z]{9}[\w-]{8}$/,
    );
    expect(run.onConnected).toHaveBeenCalledExactlyOnceWith({
      provider: 'gigs',
      user: 'user-1',
      sessionId: id,
      reconnected: false,
    });
    expect(run.hasFlow('gigs')).toBe(false);
    const { outcome } = await readResult(run);
    expect(outcome).toMatchObject({
      screen: 'success',
      provider: 'gigs',
      sessionId: id,
      verified: true,
    });
    // Read once.
    expect((await readResult(run)).outcome).toBeNull();
  });

  it('a replayed callback finds no cookie: never a second success', async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    const callback = `${basePath}/callback/gigs?session_id=${id}&status=success`;
    await run.call(callback);
    await readResult(run);
    await run.call(callback);
    expect((await readResult(run)).outcome).toMatchObject({ code: 'unsolicited_callback' });
    expect(run.onConnected).toHaveBeenCalledOnce();
  });

  it('a captured flow cookie replayed after its callback, or a doubled callback, counts once', async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    const captured = new Map(run.jar.cookies);
    const callback = `${basePath}/callback/gigs?session_id=${id}&status=success`;
    await Promise.all([run.call(callback), run.call(callback)]);
    for (const [name, value] of captured) run.jar.cookies.set(name, value);
    await run.call(callback);
    expect(run.onConnected).toHaveBeenCalledOnce();
    expect((await readResult(run)).outcome).toMatchObject({ code: 'unsolicited_callback' });
  });

  it("a crafted callback during a flow leaves the flow, and the user's real callback still counts", async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    await run.call(`${basePath}/callback/gigs?session_id=csn_attacker&status=success`);
    expect((await readResult(run)).outcome).toMatchObject({ code: 'session_mismatch' });
    expect(run.hasFlow('gigs')).toBe(true);
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect((await readResult(run)).outcome).toMatchObject({ screen: 'success', sessionId: id });
  });

  it('a crafted hit with no flow leaves a pending result alone', async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    const real = run.last.location;
    await run.call(`${basePath}/callback/gigs?session_id=csn_x&status=success`);
    expect((await readResult(run)).outcome).toMatchObject({ code: 'unsolicited_callback' });
    run.last.location = real;
    expect((await readResult(run)).outcome).toMatchObject({ screen: 'success' });
  });
});

describe('createConnectHandler: the security rules', () => {
  it('no success for a callback without the flow cookie (a crafted link)', async () => {
    const run = testHandler(providers());
    const back = await run.call(`${basePath}/callback/gigs?session_id=csn_attacker&status=success`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toMatch(
      /^\/connect\/callback\?rcf_result=gigs\.[0-9a-z]{9}[\w-]{8}$/,
    );
    expect((await readResult(run)).outcome).toMatchObject({
      screen: 'error',
      code: 'unsolicited_callback',
    });
    expect(run.onConnected).not.toHaveBeenCalled();
  });

  it("a flow cookie carried to another user's session is rejected", async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    run.user.id = 'user-2';
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(run.onConnected).not.toHaveBeenCalled();
    expect((await readResult(run)).outcome).toMatchObject({ code: 'unsolicited_callback' });
  });

  it('a tampered or expired cookie is no cookie', async () => {
    const run = testHandler(providers(), { flowLifetime: -1 });
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(run.onConnected).not.toHaveBeenCalled();
    const fresh = testHandler(providers());
    await fresh.launch('gigs');
    const value = fresh.jar.cookies.get('rcf_flow_gigs') ?? '';
    fresh.jar.cookies.set('rcf_flow_gigs', `${value.slice(0, 10)}x${value.slice(11)}`);
    await fresh.call(`${basePath}/callback/gigs?session_id=csn_x&status=success`);
    expect(fresh.onConnected).not.toHaveBeenCalled();
  });

  it('another session id than the launched one is session_mismatch', async () => {
    const run = testHandler(providers());
    await run.launch('gigs');
    await run.call(`${basePath}/callback/gigs?session_id=csn_other&status=success`);
    expect((await readResult(run)).outcome).toMatchObject({ code: 'session_mismatch' });
  });

  it('a callback page with a fragment keeps the result marker in its query', async () => {
    const run = testHandler(providers());
    const { id } = (await (
      await run.launch('gigs', { page: '/connect/callback#done' })
    ).json()) as {
      id: string;
    };
    const back = await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(back.headers.get('location')).toMatch(
      /^\/connect\/callback\?rcf_result=gigs\.[0-9a-z]{9}[\w-]{8}#done$/,
    );
  });

  it('redirects only to same-origin paths', async () => {
    const run = testHandler(providers());
    for (const page of [
      'https://evil.example/cb',
      '//evil.example/cb',
      '/\\evil',
      'javascript:alert(1)',
    ]) {
      expect((await run.launch('gigs', { page })).status).toBe(400);
    }
    expect((await run.launch('gigs', { page: `${app}/connect/callback` })).status).toBe(200);
  });

  it('Emerge: the uid reaches onConnected on the server and never the browser', async () => {
    const run = testHandler(providers());
    const { url } = (await (await run.launch('emerge')).json()) as { url: string };
    expect(new URL(url).searchParams.get('state')).toBe(state);
    expect(new URL(url).searchParams.get('redirect_uri')).toBe(`${app}${basePath}/callback/emerge`);
    const back = await run.call(await consentAtEmerge(url));
    const event = run.onConnected.mock.calls[0]?.[0] as { uid?: string };
    expect(event.uid).toMatch(/^psub_/);
    const location = back.headers.get('location') ?? '';
    const result = JSON.stringify(await readResult(run));
    for (const seen of [location, result, JSON.stringify([...run.jar.cookies])]) {
      expect(seen).not.toContain(event.uid);
      expect(seen).not.toContain(state);
    }
  });

  it('Emerge: a callback with another state is invalid_state', async () => {
    const run = testHandler(providers());
    await run.launch('emerge');
    await run.call(`${basePath}/callback/emerge?status=success&state=forged&uid=psub_x`);
    expect((await readResult(run)).outcome).toMatchObject({ code: 'invalid_state' });
    expect(run.onConnected).not.toHaveBeenCalled();
  });

  it('an onConnected that throws is not_recorded, never a success', async () => {
    const run = testHandler(providers(), {
      onConnected: () => {
        throw new Error('database down');
      },
    });
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect((await readResult(run)).outcome).toMatchObject({
      screen: 'error',
      code: 'not_recorded',
    });
  });

  it('no secret, token or session url in any response the browser gets', async () => {
    const run = testHandler(providers());
    const seen: string[] = [];
    const keep = async (response: Response) => {
      seen.push(JSON.stringify([...response.headers]), await response.clone().text());
      return response;
    };
    const gigsLaunch = (await (await keep(await run.launch('gigs'))).json()) as { id: string };
    await keep(
      await run.call(`${basePath}/callback/gigs?session_id=${gigsLaunch.id}&status=success`),
    );
    await keep(await run.call(`${basePath}/result`));
    await keep(await run.launch('zapier'));
    await keep(await run.launch('emerge'));
    const text = seen.join('\n');
    for (const value of configSecrets) expect(text).not.toContain(value);
  });

  it('provider failures are a 502 that names nothing', async () => {
    const run = testHandler(providers(), {
      gigs: {
        apiToken: 'wrong-token',
        project: 'demo',
        intent: { type: 'viewSubscriptions' },
        baseUrl: `${providers()}/gigs`,
      },
    });
    const response = await run.launch('gigs');
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'provider_unavailable' });
  });
});

describe('createConnectHandler: Zapier popup results are confirmed through the cookie', () => {
  it('confirms a postMessage success for the user whose flow it is, once', async () => {
    const run = testHandler(providers());
    const authenticationId = await openZapierPopup(run);
    const confirm = () =>
      run.call(`${basePath}/confirm/zapier`, {
        method: 'POST',
        body: JSON.stringify({ authenticationId, state }),
      });
    const first = (await (await confirm()).json()) as { outcome: object };
    expect(first.outcome).toMatchObject({
      screen: 'success',
      authenticationId,
      verified: true,
    });
    expect(run.onConnected).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ provider: 'zapier', authenticationId }),
    );
    const again = (await (await confirm()).json()) as { outcome: object };
    expect(again.outcome).toMatchObject({ code: 'unsolicited_callback' });
  });
});

describe('createConnectHandler: login CSRF on the browser POSTs', () => {
  const forged = (headers: Record<string, string>) => ({
    method: 'POST',
    headers,
    body: JSON.stringify({ state, mode: 'redirect' }),
  });

  it.each([
    ['another origin', { 'content-type': 'application/json', origin: 'https://evil.example' }],
    [
      'a sibling subdomain',
      { 'content-type': 'application/json', origin: 'http://sub.127.0.0.1:3000' },
    ],
    ['a form or no-cors body (text/plain)', { 'content-type': 'text/plain', origin: app }],
    [
      'a cross-site fetch without Origin',
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', origin: '' },
    ],
  ])('a launch from %s is refused, and no flow cookie is set', async (_name, headers) => {
    const run = testHandler(providers());
    const clean = Object.fromEntries(Object.entries(headers).filter(([, value]) => value));
    const response = await run.handler(
      new Request(`${app}${basePath}/launch/emerge`, forged(clean) as RequestInit),
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('a forged Zapier confirmation is refused before the cookie is read', async () => {
    const run = testHandler(providers());
    await run.launch('zapier', { mode: 'popup' });
    const response = await run.call(`${basePath}/confirm/zapier`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ authenticationId: 'ATTACKER', state }),
    });
    expect(response.status).toBe(403);
    expect(run.onConnected).not.toHaveBeenCalled();
  });
});
