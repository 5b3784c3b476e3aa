import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEmergeWebhook } from '../../src/server/providers/emergeWebhook';
import { createEmergeLink } from '../../src/server/providers/emergeLink';
import { createZapierConnectToken } from '../../src/server/providers/zapierToken';
import { startMockProviders, type MockProviders } from '../../src/testing/index';

const callback = 'http://127.0.0.1:3000/connect/callback?flow=1';

async function gigsSessionUrl(mock: MockProviders): Promise<string> {
  const { apiToken, project, baseUrl } = mock.handlerConfig.gigs;
  const response = await fetch(`${baseUrl}/projects/${project}/connectSessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ intent: { type: 'viewSubscriptions' }, callbackUrl: callback }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { url: string }).url;
}

const open = (url: string, controls: string) =>
  fetch(`${url}${url.includes('?') ? '&' : '?'}${controls}`, { redirect: 'manual' });

function emergeLink(mock: MockProviders, state: string): Promise<string> {
  const { clientId, signingSecret, linkBaseUrl } = mock.handlerConfig.emerge;
  return createEmergeLink({
    clientId,
    signingSecret,
    redirectUri: callback,
    state,
    baseUrl: linkBaseUrl,
  });
}

describe('startMockProviders', () => {
  let mock: MockProviders;
  beforeAll(async () => {
    mock = await startMockProviders();
  });
  afterAll(() => mock.close());

  it('hands the handler its credentials and base URLs on its own loopback origin', () => {
    expect(mock.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.handlerConfig.gigs.baseUrl).toBe(`${mock.origin}/gigs`);
    expect(mock.handlerConfig.emerge.linkBaseUrl).toBe(`${mock.origin}/emerge`);
    expect(mock.handlerConfig.zapier.connectBaseUrl).toBe(`${mock.origin}/zapier`);
    expect(mock.handlerConfig.emerge.webhookSecret).not.toBe('');
  });

  describe('requests no route expects', () => {
    /** Sends `head` as written, bytes and all, and resolves to the status line's code. */
    const rawStatus = (head: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = connect(Number(new URL(mock.origin).port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1])));
        socket.on('error', reject);
        socket.write(head);
      });

    it('answers 404 as JSON on an API path and as a page elsewhere', async () => {
      const api = await fetch(`${mock.origin}/emerge/export/nothing`);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await api.json()).toEqual({ detail: 'Not Found' });
      const page = await fetch(`${mock.origin}/nowhere`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('No such page.');
    });

    it('answers 400 to a malformed escape or address, and goes on serving', async () => {
      const escape = await fetch(`${mock.origin}/emerge/export/status/%E0`);
      expect(escape.status).toBe(400);
      expect(await escape.json()).toEqual({ error: 'invalid_request' });
      const address = await rawStatus(
        'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
      expect(address).toBe(400);
      expect((await fetch(`${mock.origin}/emerge/export/nothing`)).status).toBe(404);
    });
  });

  describe('autoRedirect=1', () => {
    it('answers a Gigs session at once with a 302 to the callback, its own query kept', async () => {
      const response = await open(await gigsSessionUrl(mock), 'auto=user_aborted&autoRedirect=1');
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(
        'http://127.0.0.1:3000/connect/callback',
      );
      expect([...location.searchParams.keys()]).toEqual(['flow', 'session_id', 'status']);
      expect(location.searchParams.get('status')).toBe('user_aborted');
      expect(location.searchParams.get('session_id')).toMatch(/^csn_/);
    });

    it('still uses the Gigs session once: a second visit is auth_expired', async () => {
      const url = await gigsSessionUrl(mock);
      await open(url, 'auto=success&autoRedirect=1');
      const again = await open(url, 'auto=success&autoRedirect=1');
      expect(new URL(again.headers.get('location') ?? '').searchParams.get('status')).toBe(
        'auth_expired',
      );
    });

    it('shows the page when auto names no offered outcome', async () => {
      const response = await open(await gigsSessionUrl(mock), 'auto=nonsense&autoRedirect=1');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('data-outcome="success"');
    });

    it('answers an Emerge link with status, state and uid, and error_code on failure', async () => {
      const response = await open(
        await emergeLink(mock, 'st-1'),
        'auto=data_invalid&autoRedirect=1',
      );
      expect(response.status).toBe(302);
      const query = new URL(response.headers.get('location') ?? '').searchParams;
      expect(query.get('status')).toBe('failure');
      expect(query.get('state')).toBe('st-1');
      expect(query.get('error_code')).toBe('data_invalid');
      expect(query.get('uid')).toMatch(/^psub_[0-9a-f]{32}$/);
    });
  });

  describe('undocumented outcomes', () => {
    it('are not offered by default', async () => {
      const gigs = await (await open(await gigsSessionUrl(mock), '')).text();
      expect(gigs).toContain('data-outcome="not_allowed"');
      expect(gigs).not.toContain('intent_fulfilled');
      const emerge = await (await open(await emergeLink(mock, 'st-2'), '')).text();
      expect(emerge).not.toContain('provider_unavailable');
    });

    it('are offered with undocumentedOutcomes', async () => {
      const extra = await startMockProviders({ undocumentedOutcomes: true });
      try {
        const response = await open(
          await gigsSessionUrl(extra),
          'auto=intent_fulfilled&autoRedirect=1',
        );
        expect(new URL(response.headers.get('location') ?? '').searchParams.get('status')).toBe(
          'intent_fulfilled',
        );
      } finally {
        await extra.close();
      }
    });
  });

  it('sends Cross-Origin-Opener-Policy on a Gigs page only with coop=1', async () => {
    const plain = await open(await gigsSessionUrl(mock), '');
    expect(plain.headers.get('cross-origin-opener-policy')).toBeNull();
    const coop = await open(await gigsSessionUrl(mock), 'coop=1');
    expect(coop.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  describe('Emerge consent status', () => {
    const status = (uid: string, token = mock.handlerConfig.emerge.apiToken) =>
      fetch(`${mock.handlerConfig.emerge.apiBaseUrl}/consent/status/${uid}`, {
        headers: { Authorization: `Bearer ${token}` },
      });

    it('is 404 before consent and 401 with a wrong token', async () => {
      expect(await (await status('psub_nobody')).json()).toEqual({ detail: 'User not found' });
      const wrong = await status('psub_nobody', 'wrong');
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ detail: 'Invalid token' });
    });

    it('lists one active consent per source once the user consented', async () => {
      const response = await open(await emergeLink(mock, 'st-3'), 'auto=success&autoRedirect=1');
      const uid = new URL(response.headers.get('location') ?? '').searchParams.get('uid') ?? '';
      const answer = (await (await status(uid)).json()) as Record<string, unknown>;
      expect(answer).toMatchObject({ sub: uid, client_id: mock.handlerConfig.emerge.clientId });
      expect(answer.consents).toEqual([
        expect.objectContaining({
          provider: 'google_data',
          status: 'active',
          window: 'fixed',
          revoked_at: null,
        }),
        expect.objectContaining({
          provider: 'gmail',
          status: 'active',
          scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
        }),
      ]);
    });

    it('reports valid_until from emergeConsentLifetimeMs (180 days by default)', async () => {
      const now = Date.now();
      const short = await startMockProviders({
        now: () => now,
        emergeConsentLifetimeMs: 5 * 86_400_000,
      });
      try {
        const response = await open(await emergeLink(short, 'st-4'), 'auto=success&autoRedirect=1');
        const uid = new URL(response.headers.get('location') ?? '').searchParams.get('uid') ?? '';
        const answer = await fetch(
          `${short.handlerConfig.emerge.apiBaseUrl}/consent/status/${uid}`,
          {
            headers: { Authorization: `Bearer ${short.handlerConfig.emerge.apiToken}` },
          },
        );
        const { consents } = (await answer.json()) as { consents: { valid_until: string }[] };
        const fiveDaysOn = new Date(now + 5 * 86_400_000).toISOString();
        expect(consents.map((each) => each.valid_until)).toEqual([fiveDaysOn, fiveDaysOn]);
      } finally {
        await short.close();
      }
    });
  });

  describe('Zapier authentications', () => {
    const list = (token: string | undefined, app?: string) =>
      fetch(
        `${mock.handlerConfig.zapier.baseUrl}/v2/authentications${app ? `?app=${app}` : ''}`,
        token ? { headers: { Authorization: `Bearer ${token}` } } : {},
      );

    async function connect(subjectToken: string, app: string, outcome: string) {
      const { clientId, clientSecret, baseUrl, connectBaseUrl } = mock.handlerConfig.zapier;
      const { token } = await createZapierConnectToken({
        clientId,
        clientSecret,
        app,
        subjectToken,
        baseUrl,
        connectBaseUrl,
      });
      const page = `${connectBaseUrl}/to/${app}?token=${token}&redirect_uri=${encodeURIComponent(callback)}`;
      const response = await open(page, `auto=${outcome}&autoRedirect=1`);
      return new URL(response.headers.get('location') ?? '').searchParams;
    }

    it('lists, for the user token used at the exchange, the authentications the Connect UI made', async () => {
      const made = await connect('user-a-token', 'SlackAPI', 'success');
      await connect('user-a-token', 'SlackAPI', 'access_denied');
      await connect('user-b-token', 'SlackAPI', 'success');
      const answer = (await (await list('user-a-token', 'SlackAPI')).json()) as {
        data: { id: string }[];
        meta: { count: number };
      };
      expect(answer.meta.count).toBe(1);
      expect(answer.data).toEqual([
        {
          type: 'authentication',
          id: made.get('authentication_id'),
          app: 'SlackAPI',
          is_expired: false,
          title: expect.any(String),
        },
      ]);
      const otherApp = (await (await list('user-a-token', 'GoogleSheetsAPI')).json()) as {
        data: unknown[];
      };
      expect(otherApp.data).toEqual([]);
    });

    it('needs the bearer token and the app', async () => {
      expect((await list(undefined, 'SlackAPI')).status).toBe(401);
      expect((await list('user-a-token')).status).toBe(400);
    });
  });

  describe('sendEmergeWebhook', () => {
    let received: { headers: Record<string, string | string[] | undefined>; body: string }[];
    let url: string;
    let close: () => void;
    beforeAll(async () => {
      received = [];
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/connect/webhook/emerge`;
      close = () => server.close();
    });
    afterAll(() => close());

    it('signs the envelope with the webhook secret in handlerConfig', async () => {
      const response = await mock.sendEmergeWebhook(
        url,
        { event: 'data.ready', uid: 'psub_1', sources: [{ provider: 'gmail' }] },
        { idempotencyKey: 'evt_1', attempt: 3 },
      );
      expect(response.status).toBe(204);
      const [delivery] = received.splice(0);
      const webhook = await verifyEmergeWebhook(
        delivery!.body,
        delivery!.headers,
        mock.handlerConfig.emerge.webhookSecret,
      );
      expect(webhook).toMatchObject({
        known: true,
        event: 'data.ready',
        idempotencyKey: 'evt_1',
        attempt: 3,
        version: '2.0',
      });
      expect(webhook.raw).toMatchObject({
        uid: 'psub_1',
        client_id: mock.handlerConfig.emerge.clientId,
      });
    });

    it('gives each delivery a new idempotency key unless told', async () => {
      await mock.sendEmergeWebhook(url, { event: 'consent.given', uid: 'psub_2' });
      await mock.sendEmergeWebhook(url, { event: 'consent.given', uid: 'psub_2' });
      const keys = received.splice(0).map(({ headers }) => headers['idempotency-key']);
      expect(new Set(keys).size).toBe(2);
    });
  });
});
