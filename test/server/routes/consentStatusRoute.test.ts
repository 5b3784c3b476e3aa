import { describe, expect, it } from 'vitest';
import { consentEntry } from '../../../src/server/routes/consentStatusRoute';
import { basePath, consentAtEmerge, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();
const uid = 'psub_0123456789abcdef0123456789abcdef';
const day = 86_400_000;
const emerge = {
  clientId: 'c',
  signingSecret: 's',
  apiToken: 't',
  apiBaseUrl: 'https://link.example',
};

/** A handler whose Emerge answers `GET /consent/status/{uid}` with `answer`. */
function withEmerge(answer: () => Response | Promise<Response>, extra: object = {}) {
  const run = testHandler(providers(), {
    emerge: { ...emerge, ...extra, fetch: async () => answer() },
  });
  run.uids.set('user-1', uid);
  return run;
}

const consent = (overrides: object) => ({
  provider: 'google_data',
  scopes: ['s'],
  window: 'fixed',
  status: 'active',
  issued_at: '2026-01-01T00:00:00Z',
  revoked_at: null,
  ...overrides,
});

describe('GET {basePath}/consent-status', () => {
  it('401 without a signed-in user', async () => {
    const run = testHandler(providers());
    run.user.id = undefined;
    const response = await run.call(`${basePath}/consent-status`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthenticated' });
  });

  it('one entry per consent: active, expiring within 7 days, revoked; never the uid', async () => {
    const soon = new Date(Date.now() + 3 * day + 3_600_000).toISOString();
    const later = new Date(Date.now() + 90 * day + 3_600_000).toISOString();
    const run = withEmerge(() =>
      Response.json({
        sub: uid,
        client_id: 'c',
        consents: [
          consent({ provider: 'google_data', valid_until: soon }),
          consent({ provider: 'gmail', valid_until: later }),
          consent({ provider: 'youtube', status: 'revoked', valid_until: later, revoked_at: soon }),
        ],
      }),
    );
    const response = await run.call(`${basePath}/consent-status`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(uid);
    expect(JSON.parse(text)).toEqual({
      providers: [
        {
          provider: 'emerge',
          status: 'expiring',
          validUntil: soon,
          daysLeft: 3,
          source: 'google_data',
        },
        { provider: 'emerge', status: 'active', validUntil: later, daysLeft: 90, source: 'gmail' },
        {
          provider: 'emerge',
          status: 'revoked',
          validUntil: later,
          daysLeft: null,
          source: 'youtube',
        },
      ],
    });
  });

  it('the expiring threshold is an option (emerge.consentExpiringDays)', async () => {
    const in20 = new Date(Date.now() + 20 * day + 3_600_000).toISOString();
    const answer = () =>
      Response.json({ client_id: 'c', consents: [consent({ valid_until: in20 })] });
    const byDefault = await withEmerge(answer).call(`${basePath}/consent-status`);
    expect((await byDefault.json()).providers[0].status).toBe('active');
    const wider = await withEmerge(answer, { consentExpiringDays: 30 }).call(
      `${basePath}/consent-status`,
    );
    expect((await wider.json()).providers[0]).toMatchObject({ status: 'expiring', daysLeft: 20 });
  });

  it('no consent yet: no uid, or Emerge does not know it (404), is an empty list', async () => {
    const none = testHandler(providers());
    expect(await (await none.call(`${basePath}/consent-status`)).json()).toEqual({ providers: [] });
    const unknown = withEmerge(() => Response.json({ detail: 'User not found' }, { status: 404 }));
    const response = await unknown.call(`${basePath}/consent-status`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ providers: [] });
    expect(unknown.onError).not.toHaveBeenCalled();
  });

  it('a provider failure is a 502 that names nothing, told to onError', async () => {
    const run = withEmerge(() => new Response(`uid ${uid} token t is invalid`, { status: 401 }));
    const response = await run.call(`${basePath}/consent-status`);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'provider_unavailable' });
    expect(text).not.toContain(uid);
    expect(run.onError.mock.calls[0]?.[1]).toEqual({
      route: 'consent-status',
      provider: 'emerge',
      status: 502,
      code: 'provider_unavailable',
    });
  });

  it('an answer that is not a consent status is a 502', async () => {
    const run = withEmerge(() => Response.json({ nothing: true }));
    expect((await run.call(`${basePath}/consent-status`)).status).toBe(502);
  });

  it('a hanging provider is a 504 after providerTimeout', async () => {
    const run = testHandler(providers(), {
      providerTimeout: 50,
      emerge: {
        ...emerge,
        fetch: (request: Request) =>
          new Promise<Response>((_resolve, reject) =>
            request.signal.addEventListener('abort', () => reject(request.signal.reason)),
          ),
      },
    });
    run.uids.set('user-1', uid);
    const response = await run.call(`${basePath}/consent-status`);
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({ error: 'provider_timeout' });
  });

  it('a 429 passes through with Retry-After', async () => {
    const run = withEmerge(
      () => new Response('{}', { status: 429, headers: { 'Retry-After': '9' } }),
    );
    const response = await run.call(`${basePath}/consent-status`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('9');
  });

  it('reads the mock Emerge after a consent through the handler', async () => {
    const run = testHandler(providers());
    const launched = await run.launch('emerge');
    const { url } = (await launched.json()) as { url: string };
    await run.call(await consentAtEmerge(url));
    const response = await run.call(`${basePath}/consent-status`);
    const { providers: entries } = (await response.json()) as { providers: object[] };
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        provider: 'emerge',
        status: 'active',
        daysLeft: expect.any(Number),
      });
    }
  });
});

describe('consentEntry', () => {
  const now = Date.parse('2026-03-13T00:00:00Z');
  it.each([
    ['active, far', { status: 'active', validUntil: now + 30 * day }, 'active', 30],
    ['active, 7 days', { status: 'active', validUntil: now + 7 * day }, 'expiring', 7],
    ['active, last day', { status: 'active', validUntil: now + 3_600_000 }, 'expiring', 0],
    ['active, passed', { status: 'active', validUntil: now - 1 }, 'revoked', null],
    ['active, no end', { status: 'active' }, 'active', null],
    ['revoked', { status: 'revoked', validUntil: now + 30 * day }, 'revoked', null],
    ['an undocumented status', { status: 'suspended' }, 'revoked', null],
  ])('%s', (_name, fields, status, daysLeft) => {
    expect(consentEntry({ provider: 'gmail', ...fields }, now, 7)).toMatchObject({
      status,
      daysLeft,
    });
  });
});
