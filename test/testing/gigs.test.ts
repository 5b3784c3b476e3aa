import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProviders, type MockProviders } from '../../src/testing/index';

const callback = 'http://127.0.0.1:3000/connect/callback?flow=1';

describe('the mock Gigs Connect sessions', () => {
  let mock: MockProviders;
  beforeAll(async () => {
    mock = await startMockProviders();
  });
  afterAll(() => mock.close());

  function createSession(body: unknown, token = mock.handlerConfig.gigs.apiToken) {
    const { project, baseUrl } = mock.handlerConfig.gigs;
    return fetch(`${baseUrl}/projects/${project}/connectSessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  const intent = { type: 'viewSubscriptions' };
  const visit = (url: string) => fetch(url, { redirect: 'manual' });

  it('creates a session as the Gigs API answers it, light by default', async () => {
    const answer = await createSession({ intent, callbackUrl: callback, user: 'usr_1' });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({
      object: 'connectSession',
      id: expect.stringMatching(/^csn_/),
      project: mock.handlerConfig.gigs.project,
      appearance: { theme: 'light' },
      callbackUrl: callback,
      intent,
      url: expect.stringContaining(`${mock.origin}/gigs/connect?session=csn_`),
      user: 'usr_1',
    });
    const dark = await createSession({ intent, appearance: { theme: 'dark' } });
    expect(await dark.json()).toMatchObject({ appearance: { theme: 'dark' }, callbackUrl: null });
  });

  it.each([
    ['a wrong token', { intent }, 'nope', 401, 'Invalid token'],
    ['no intent', { callbackUrl: callback }, undefined, 422, 'intent is required'],
    ['an intent without a type', { intent: {} }, undefined, 422, 'intent is required'],
    [
      'a javascript: callbackUrl',
      { intent, callbackUrl: 'javascript:x' },
      undefined,
      422,
      'invalid callbackUrl',
    ],
    [
      'a callbackUrl that is not a string',
      { intent, callbackUrl: 5 },
      undefined,
      422,
      'invalid callbackUrl',
    ],
  ])('refuses %s', async (_, body, token, status, message) => {
    const answer = await createSession(body, token);
    expect(answer.status).toBe(status);
    expect(await answer.json()).toMatchObject({ object: 'error', message });
  });

  it('shows the page once; the form finishes it with a 303 to the callback, once', async () => {
    const { id, url } = (await (await createSession({ intent, callbackUrl: callback })).json()) as {
      id: string;
      url: string;
    };
    const html = await (await visit(url)).text();
    const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(ticket).not.toBe('');
    const submit = (form: Record<string, string>) =>
      fetch(`${mock.origin}/gigs/connect/finish`, {
        method: 'POST',
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
    expect((await submit({ session: id, ticket: 'forged', outcome: 'success' })).status).toBe(400);
    const done = await submit({ session: id, ticket, outcome: 'user_aborted' });
    expect(done.status).toBe(303);
    const back = new URL(done.headers.get('location') ?? '');
    expect([...back.searchParams]).toEqual([
      ['flow', '1'],
      ['session_id', id],
      ['status', 'user_aborted'],
    ]);
    expect((await submit({ session: id, ticket, outcome: 'success' })).status).toBe(400);
  });

  it('a forged token lands on the callback as auth_expired; an unknown session is a 404 page', async () => {
    const { url } = (await (await createSession({ intent, callbackUrl: callback })).json()) as {
      url: string;
    };
    const forged = await visit(url.replace(/token=[^&]+/, 'token=forged'));
    expect(new URL(forged.headers.get('location') ?? '').searchParams.get('status')).toBe(
      'auth_expired',
    );
    const unknown = await visit(`${mock.origin}/gigs/connect?session=csn_none&token=x`);
    expect(unknown.status).toBe(404);
  });

  it('without a callbackUrl the user stays in Connect', async () => {
    const { url } = (await (await createSession({ intent })).json()) as { url: string };
    const done = await visit(`${url}&auto=success&autoRedirect=1`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You can close this window.');
  });
});
