import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmergeLink } from '../../src/server/providers/emergeLink';
import { startMockProviders, type MockProviders } from '../../src/testing/index';

const callback = 'http://127.0.0.1:3000/connect/callback';

describe('the mock Emerge Link and its API', () => {
  let mock: MockProviders;
  let now = Date.now();
  beforeAll(async () => {
    mock = await startMockProviders({
      now: () => now,
      exportDelays: { google_data: 1000, gmail: 5000 },
    });
  });
  afterAll(() => mock.close());

  const link = (change: { clientId?: string; signingSecret?: string; state?: string } = {}) => {
    const { clientId, signingSecret, linkBaseUrl } = mock.handlerConfig.emerge;
    return createEmergeLink({
      clientId: change.clientId ?? clientId,
      signingSecret: change.signingSecret ?? signingSecret,
      redirectUri: callback,
      state: change.state ?? 'state-of-sixteen-or-more',
      baseUrl: linkBaseUrl,
    });
  };
  const open = async (url: string) => {
    const answer = await fetch(url, { redirect: 'manual' });
    return {
      status: answer.status,
      text: await answer.text(),
      location: answer.headers.get('location'),
    };
  };
  const api = (path: string, token = mock.handlerConfig.emerge.apiToken) =>
    fetch(`${mock.handlerConfig.emerge.apiBaseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });

  it.each([
    ['a wrong signature', { signingSecret: 'not-the-secret' }],
    ['another client', { clientId: 'cl_other' }],
  ])('refuses %s as an invalid link', async (_, change) => {
    const page = await open(await link(change));
    expect(page.status).toBe(400);
    expect(page.text).toContain('This link is invalid.');
  });

  it('refuses a link past its lifetime', async () => {
    const url = await link();
    now += 31 * 24 * 60 * 60_000; // links live 30 days
    try {
      expect((await open(url)).text).toContain('This link has expired.');
    } finally {
      now -= 31 * 24 * 60 * 60_000;
    }
  });

  it('completes a consent once; the same link then shows "already connected", with no callback', async () => {
    const url = await link({ state: 'state-for-the-once-test' });
    const done = await open(`${url}&auto=reauthorized&autoRedirect=1`);
    expect(done.status).toBe(302);
    const back = Object.fromEntries(new URL(done.location ?? '').searchParams);
    expect(back).toEqual({
      status: 'reauthorized',
      state: 'state-for-the-once-test',
      uid: expect.stringMatching(/^psub_[0-9a-f]{32}$/),
    });
    const again = await open(`${url}&auto=success&autoRedirect=1`);
    expect(again.status).toBe(200);
    expect(again.location).toBe(null);
    expect(again.text).toContain('You are already connected.');
  });

  it('a failure carries its error_code, and a plain failure none', async () => {
    const denied = await open(
      `${await link({ state: 'state-denied-000001' })}&auto=access_denied&autoRedirect=1`,
    );
    expect(Object.fromEntries(new URL(denied.location ?? '').searchParams)).toMatchObject({
      status: 'failure',
      error_code: 'access_denied',
    });
    const plain = await open(
      `${await link({ state: 'state-plain-0000001' })}&auto=failure&autoRedirect=1`,
    );
    expect(new URL(plain.location ?? '').searchParams.has('error_code')).toBe(false);
  });

  it('reports each source ready once its export delay has passed since the consent', async () => {
    const done = await open(
      `${await link({ state: 'state-export-000001' })}&auto=success&autoRedirect=1`,
    );
    const uid = new URL(done.location ?? '').searchParams.get('uid') ?? '';
    expect((await api(`/export/status/${uid}`, 'wrong')).status).toBe(401);
    expect((await api('/export/status/psub_unknown')).status).toBe(404);
    const readiness = async () =>
      (
        (await (await api(`/export/status/${uid}`)).json()) as {
          sources: { provider: string; data_ready: boolean }[];
        }
      ).sources.map((each) => [each.provider, each.data_ready]);
    expect(await readiness()).toEqual([
      ['google_data', false],
      ['gmail', false],
    ]);
    now += 1000;
    expect(await readiness()).toEqual([
      ['google_data', true],
      ['gmail', false],
    ]);
    now += 4000;
    expect(await readiness()).toEqual([
      ['google_data', true],
      ['gmail', true],
    ]);
  });

  it('ends a consent session once: the form again is refused', async () => {
    const url = await link({ state: 'state-form-00000001' });
    const page = await open(url);
    const signature = /name="signature" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const submit = () =>
      fetch(`${mock.origin}/emerge/link/finish`, {
        method: 'POST',
        body: new URLSearchParams({ signature, outcome: 'success' }),
        redirect: 'manual',
      });
    expect((await submit()).status).toBe(303);
    const again = await submit();
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This consent session has ended.');
  });
});
