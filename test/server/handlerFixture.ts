import { afterAll, beforeAll, vi } from 'vitest';
import { startMockProviders, type MockProviders } from '../../src/testing/index';
import { mockSecrets } from '../../src/testing/mockConfig';
import { createConnectHandler } from '../../src/server/connectHandler';
import type { ConnectHandlerConfig } from '../../src/server/handlerConfig';

export const app = 'http://127.0.0.1:3000';
export const basePath = '/api/connect';
export const secret = 'a-test-cookie-secret-of-32-chars-or-more';
export const state = 'S'.repeat(43);

/** A browser's cookie jar, as far as the handler's cookies go. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/.test(line) || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The mock providers on loopback (real HTTP, real secret checks) for a test file. */
export function mockProvidersForFile() {
  const holder: { mock?: MockProviders } = {};
  beforeAll(async () => {
    holder.mock = await startMockProviders();
  });
  afterAll(() => holder.mock?.close());
  return () => holder.mock!.origin;
}

/** A handler against the mock providers, with `onConnected` recorded and a settable user. */
export function testHandler(origin: string, overrides: Partial<ConnectHandlerConfig> = {}) {
  const user = { id: 'user-1' as string | undefined };
  const uids = new Map<string, string>();
  const onConnected = vi.fn(async (event: { user: string; uid?: string }) => {
    if (event.uid) uids.set(event.user, event.uid);
  });
  const handler = createConnectHandler({
    basePath,
    secret,
    getUser: () => user.id,
    onConnected,
    gigs: {
      apiToken: mockSecrets.gigs.token,
      project: mockSecrets.gigs.project,
      intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_demo' } },
      userDetails: () => ({ email: 'user@example.com' }),
      baseUrl: `${origin}/gigs`,
    },
    emerge: {
      clientId: mockSecrets.emerge.clientId,
      signingSecret: mockSecrets.emerge.signingSecret,
      apiToken: mockSecrets.emerge.apiToken,
      webhookSecret: 'emerge-webhook-secret',
      linkBaseUrl: `${origin}/emerge`,
      apiBaseUrl: `${origin}/emerge`,
    },
    zapier: {
      clientId: mockSecrets.zapier.clientId,
      clientSecret: mockSecrets.zapier.clientSecret,
      subjectToken: () => 'zapier-user-access-token',
      apps: ['SlackAPI'],
      baseUrl: `${origin}/zapier`,
      connectBaseUrl: `${origin}/zapier`,
    },
    getEmergeUid: (id) => uids.get(id),
    ...overrides,
  });
  const jar = new CookieJar();
  async function call(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (jar.cookies.size) headers.set('cookie', jar.header());
    // What the app's own fetch sends; the CSRF tests set other values.
    if (init.method === 'POST' && !path.includes('/webhook/')) {
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      if (!headers.has('origin')) headers.set('origin', app);
    }
    const response = await handler(new Request(`${app}${path}`, { ...init, headers }));
    jar.take(response);
    return response;
  }
  const launch = (provider: string, body: object = {}) =>
    call(`${basePath}/launch/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state, mode: 'redirect', ...body }),
    });
  return { handler, call, launch, jar, user, onConnected, uids };
}

/** Every secret the configuration holds: none may appear in anything the browser receives. */
export const configSecrets = [
  mockSecrets.gigs.token,
  mockSecrets.emerge.signingSecret,
  mockSecrets.emerge.apiToken,
  mockSecrets.zapier.clientSecret,
  'zapier-user-access-token',
  'emerge-webhook-secret',
  secret,
];
