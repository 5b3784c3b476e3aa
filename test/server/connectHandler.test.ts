import { describe, expect, it, vi } from 'vitest';
import { createConnectHandler } from '../../src/server/connectHandler';
import { basePath, secret, testHandler, mockProvidersForFile } from './handlerFixture';

const providers = mockProvidersForFile();

const readResult = (run: ReturnType<typeof testHandler>) => run.readResult();

describe('createConnectHandler: bad input gets a clear 4xx', () => {
  it.each([
    ['a wrong method', `${basePath}/launch/gigs`, { method: 'GET' }, 405],
    ['an unknown route', `${basePath}/nope`, {}, 404],
    ['outside the base path', '/elsewhere', {}, 404],
    ['a body that is not JSON', `${basePath}/launch/gigs`, { method: 'POST', body: 'x{' }, 400],
    ['no state', `${basePath}/launch/gigs`, { method: 'POST', body: '{}' }, 400],
    ['a short state', `${basePath}/launch/gigs`, { method: 'POST', body: '{"state":"abc"}' }, 400],
    ['a huge body', `${basePath}/launch/gigs`, { method: 'POST', body: 'x'.repeat(20_000) }, 413],
    ['a huge URL', `${basePath}/callback/gigs?x=${'a'.repeat(20_000)}`, {}, 414],
    [
      'a confirmation without ids',
      `${basePath}/confirm/zapier`,
      { method: 'POST', body: '{}' },
      400,
    ],
  ])('%s', async (_name, path, init, status) => {
    const run = testHandler(providers());
    const response = await run.call(path, init as RequestInit);
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(body).not.toMatch(/at \w+ \(|Error:/);
  });

  it('no signed-in user: 401 for launch and export status', async () => {
    const run = testHandler(providers());
    run.user.id = undefined;
    expect((await run.launch('gigs')).status).toBe(401);
    expect((await run.call(`${basePath}/export-status`)).status).toBe(401);
  });

  it('duplicated callback parameters are an error outcome, not a 500', async () => {
    const run = testHandler(providers());
    await run.launch('gigs');
    const back = await run.call(
      `${basePath}/callback/gigs?session_id=a&session_id=b&status=success`,
    );
    expect(back.status).toBe(303);
    expect((await readResult(run)).outcome).toMatchObject({ code: 'ambiguous_params' });
  });

  it('a zapier launch may only ask for an allowed app', async () => {
    const run = testHandler(providers());
    expect((await run.launch('zapier', { params: { app: 'EvilApp' } })).status).toBe(400);
    const ok = await run.launch('zapier', { params: { app: 'SlackAPI', reconnectId: '77' } });
    expect(await ok.json()).toMatchObject({ app: 'SlackAPI', reconnectId: '77' });
  });
});

describe('createConnectHandler: configuration', () => {
  it('refuses a short secret and a malformed base path', () => {
    const base = { getUser: () => 'u', onConnected: () => {} };
    expect(() => createConnectHandler({ ...base, basePath, secret: 'short' })).toThrow(TypeError);
    expect(() => createConnectHandler({ ...base, basePath: 'api/', secret })).toThrow(TypeError);
  });

  it('rotates secrets: a cookie signed with the old one still verifies', async () => {
    const old = testHandler(providers());
    const { id } = (await (await old.launch('gigs')).json()) as { id: string };
    const rotated = testHandler(providers(), {
      secret: ['a-brand-new-secret-of-32-characters!!', secret],
    });
    for (const [name, value] of old.jar.cookies) rotated.jar.cookies.set(name, value);
    await rotated.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(rotated.onConnected).toHaveBeenCalledOnce();
  });
});

describe('createConnectHandler: hosts and failures', () => {
  const minimal = {
    basePath,
    getUser: () => 'user-1',
    onConnected: () => {},
  };

  it('checks an option left undefined at creation (next build) on the first request, naming it', async () => {
    const onError = vi.fn();
    const handler = createConnectHandler({ ...minimal, secret: undefined, onError });
    const response = await handler(new Request(`http://127.0.0.1:3000${basePath}/result`));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'misconfigured' });
    const [error, info] = onError.mock.calls[0] as [Error, object];
    expect(error.message).toBe('createConnectHandler: secret is not set');
    expect(info).toEqual({ route: 'config', status: 500, code: 'misconfigured' });
  });

  it('throws at creation for an option that is present and wrong', () => {
    expect(() => createConnectHandler({ ...minimal, secret: 'short' })).toThrow(/secret/);
  });

  it('exposes its basePath, and reports an app callback that throws as a 500 problem', async () => {
    const onError = vi.fn();
    const handler = createConnectHandler({
      ...minimal,
      secret: 's'.repeat(32),
      onError,
      getUser: () => {
        throw new Error('session store down: token=abc');
      },
    });
    expect(handler.basePath).toBe(basePath);
    const response = await handler(new Request(`http://127.0.0.1:3000${basePath}/result`));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"error":"internal_error"}');
    expect(onError.mock.calls[0]?.[1]).toEqual({
      route: 'result',
      provider: undefined,
      status: 500,
      code: 'internal_error',
    });
  });

  it("readResult reads the user's verified result with the handler's own getUser and secret", async () => {
    const run = testHandler(providers());
    const launched = await run.launch('gigs');
    const { id } = (await launched.json()) as { id: string };
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    const headers = { cookie: run.jar.header() };
    expect(await run.handler.readResult({ headers })).toMatchObject({
      screen: 'success',
      provider: 'gigs',
    });
    run.user.id = 'someone-else';
    expect(await run.handler.readResult({ headers: new Headers(headers) })).toBeNull();
  });
});
