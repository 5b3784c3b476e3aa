// The trust gaps: an id the user typed never reaches onConnected.
import { describe, expect, it } from 'vitest';
import {
  authorizeAtZapier,
  basePath,
  consentAtEmerge,
  mockProvidersForFile,
  openZapierPopup,
  state,
  testHandler,
  zapierWithApps,
  emergeConfig,
} from '../handlerFixture';

const providers = mockProvidersForFile();

describe("Zapier: the authentication must be one of the user's", () => {
  it('a popup flow takes no redirect callback: a crafted one neither succeeds nor uses the flow', async () => {
    const run = testHandler(providers());
    const authenticationId = await openZapierPopup(run);
    await run.call(
      `${basePath}/callback/zapier?authentication_id=${authenticationId}&service=SlackAPI`,
    );
    expect(run.onConnected).not.toHaveBeenCalled();
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'error',
      code: 'unsolicited_callback',
    });
    expect(run.hasFlow('zapier')).toBe(true);
  });

  it('a redirect success with an id the user typed is not_verified, and onError hears why', async () => {
    const run = testHandler(providers());
    const way = await authorizeAtZapier(run);
    const typed = way.replace(/authentication_id=\d+/, 'authentication_id=999999');
    await run.call(typed);
    expect(run.onConnected).not.toHaveBeenCalled();
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'error',
      code: 'not_verified',
    });
    expect(run.onError.mock.calls[0]?.[1]).toEqual({
      route: 'callback',
      provider: 'zapier',
      status: 303,
      code: 'not_verified',
    });
  });

  it("a redirect success with the user's own new authentication is a success", async () => {
    const run = testHandler(providers());
    await run.call(await authorizeAtZapier(run));
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'success',
      provider: 'zapier',
    });
    expect(run.onConnected).toHaveBeenCalledOnce();
  });

  it("a confirmation with an id that is not the user's is not_verified", async () => {
    const run = testHandler(providers());
    await openZapierPopup(run);
    const response = await run.call(`${basePath}/confirm/zapier`, {
      method: 'POST',
      body: JSON.stringify({ authenticationId: '999999', state }),
    });
    expect(((await response.json()) as { outcome: object }).outcome).toMatchObject({
      code: 'not_verified',
    });
    expect(run.onConnected).not.toHaveBeenCalled();
  });

  it('Zapier not answering in time is provider_timeout, never a success', async () => {
    const hangOnList = (request: Request) =>
      request.url.includes('/v2/authentications')
        ? new Promise<Response>((_, reject) =>
            request.signal.addEventListener('abort', () => reject(request.signal.reason)),
          )
        : fetch(request);
    const zapier = { ...zapierWithApps(providers(), ['SlackAPI']), fetch: hangOnList };
    const run = testHandler(providers(), { providerTimeout: 1000, zapier });
    await run.call(await authorizeAtZapier(run));
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'error',
      code: 'provider_timeout',
    });
    expect(run.onConnected).not.toHaveBeenCalled();
  });
});

describe('Emerge: the uid must be bound', () => {
  it('with emerge.uid, a callback carrying another uid is not_verified', async () => {
    const emerge = { ...emergeConfig(providers()), uid: () => 'psub_app_chosen' };
    const bound = testHandler(providers(), { emerge });
    const { url } = (await (await bound.launch('emerge')).json()) as { url: string };
    const way = await consentAtEmerge(url);
    expect(new URL(way, 'http://x').searchParams.get('uid')).toBe('psub_app_chosen');
    await bound.call(way.replace('uid=psub_app_chosen', 'uid=psub_someone_else'));
    expect((await bound.readResult()).outcome).toMatchObject({ code: 'not_verified' });
    expect(bound.onConnected).not.toHaveBeenCalled();
  });

  it('with emerge.uid, the uid signed into the link is a success', async () => {
    const emerge = { ...emergeConfig(providers()), uid: () => 'psub_app_chosen_2' };
    const run = testHandler(providers(), { emerge });
    const { url } = (await (await run.launch('emerge')).json()) as { url: string };
    await run.call(await consentAtEmerge(url));
    expect((await run.readResult()).outcome).toMatchObject({ screen: 'success' });
    expect(run.onConnected).toHaveBeenCalledWith(
      expect.objectContaining({ uid: 'psub_app_chosen_2' }),
    );
  });

  it('without it, a uid with no consent to this client (a 404) is not_verified', async () => {
    const run = testHandler(providers());
    const { url } = (await (await run.launch('emerge')).json()) as { url: string };
    const way = await consentAtEmerge(url);
    await run.call(way.replace(/uid=[\w-]+/, 'uid=psub_typed_by_the_user'));
    expect((await run.readResult()).outcome).toMatchObject({ code: 'not_verified' });
    expect(run.onConnected).not.toHaveBeenCalled();
  });

  it('without it, the consent status confirms the real uid: a success', async () => {
    const run = testHandler(providers());
    const { url } = (await (await run.launch('emerge')).json()) as { url: string };
    await run.call(await consentAtEmerge(url));
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'success',
      provider: 'emerge',
    });
  });
});

describe('a missing user', () => {
  it('launch and confirm answer 401', async () => {
    const run = testHandler(providers());
    run.user.id = undefined;
    expect((await run.launch('gigs')).status).toBe(401);
    const confirm = await run.call(`${basePath}/confirm/zapier`, {
      method: 'POST',
      body: JSON.stringify({ authenticationId: '1', state }),
    });
    expect(confirm.status).toBe(401);
  });

  it('the callback 303s to the page with an unauthenticated outcome, which the result route gives', async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    run.user.id = undefined;
    const back = await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(back.status).toBe(303);
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'error',
      code: 'unauthenticated',
    });
    expect(run.onConnected).not.toHaveBeenCalled();
  });
});

describe('provider timeouts on JSON routes', () => {
  it('a launch whose provider hangs answers 504 provider_timeout, reported', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const zapier = { ...zapierWithApps(providers(), ['SlackAPI']), fetch: hang };
    const run = testHandler(providers(), { providerTimeout: 1000, zapier });
    const response = await run.launch('zapier');
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ error: 'provider_timeout' });
    expect(run.onError.mock.calls[0]?.[1]).toEqual({
      route: 'launch',
      provider: 'zapier',
      status: 504,
      code: 'provider_timeout',
    });
  });
});

describe('provider deadlines end with their request', () => {
  it("a launch's provider deadline never fires once the launch is answered", async () => {
    const signals: AbortSignal[] = [];
    const answering = (request: Request) => {
      signals.push(request.signal);
      return Promise.resolve(Response.json({ id: 'csn_1', url: 'https://connect.example/s' }));
    };
    const gigs = {
      apiToken: 'gigs-token',
      project: 'prj_1',
      intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_1' } },
      fetch: answering,
    } as const;
    const run = testHandler(providers(), { providerTimeout: 20, gigs });
    expect((await run.launch('gigs')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
  });
});
