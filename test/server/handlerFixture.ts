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

/** The fixture's Emerge configuration, to extend in a test. */
export const emergeConfig = (origin: string) => ({
  clientId: mockSecrets.emerge.clientId,
  signingSecret: mockSecrets.emerge.signingSecret,
  apiToken: mockSecrets.emerge.apiToken,
  webhookSecret: 'emerge-webhook-secret',
  linkBaseUrl: `${origin}/emerge`,
  apiBaseUrl: `${origin}/emerge`,
});

/** The fixture's Zapier configuration with other apps allowed. */
export const zapierWithApps = (origin: string, apps: [string, ...string[]]) => ({
  clientId: mockSecrets.zapier.clientId,
  clientSecret: mockSecrets.zapier.clientSecret,
  subjectToken: () => 'zapier-user-access-token',
  apps,
  baseUrl: `${origin}/zapier`,
  connectBaseUrl: `${origin}/zapier`,
  apiBaseUrl: `${origin}/zapier`,
});

/** A handler against the mock providers, with `onConnected` recorded and a settable user. */
export function testHandler(origin: string, overrides: Partial<ConnectHandlerConfig> = {}) {
  const user = { id: 'user-1' as string | undefined };
  const uids = new Map<string, string>();
  const onConnected = vi.fn(async (event: { user: string; uid?: string }) => {
    if (event.uid) uids.set(event.user, event.uid);
  });
  const onError = vi.fn();
  const handler = createConnectHandler({
    onError,
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
    emerge: emergeConfig(origin),
    zapier: zapierWithApps(origin, ['SlackAPI']),
    getEmergeUid: (id) => uids.get(id),
    ...overrides,
  });
  const jar = new CookieJar();
  /** Where the last redirect went: its marker names the flow whose result to read. */
  const last = { location: '' };
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
    const location = response.headers.get('location');
    if (location) last.location = location;
    return response;
  }
  const launch = (provider: string, body: object = {}) =>
    call(`${basePath}/launch/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state, mode: 'redirect', ...body }),
    });
  /** The result the last callback left, as the callback page reads it (by its marker). */
  async function readResult() {
    const marker = new URL(last.location, app).searchParams.get('rcf_result') ?? '';
    const flow = marker.slice(marker.indexOf('.') + 1);
    const response = await call(`${basePath}/result?flow=${encodeURIComponent(flow)}`);
    return (await response.json()) as { outcome: Record<string, unknown> | null };
  }
  /** Whether the jar holds a flow cookie of `provider`. */
  const hasFlow = (provider: string) =>
    [...jar.cookies.keys()].some((name) => name.startsWith(`rcf_flow_${provider}_`));
  return {
    handler,
    call,
    launch,
    jar,
    user,
    onConnected,
    onError,
    uids,
    last,
    readResult,
    hasFlow,
  };
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

type Run = ReturnType<typeof testHandler>;

/** Completes the mock Emerge consent page as a user would: the path and query of the way back. */
export async function consentAtEmerge(link: string, outcome = 'success') {
  await fetch(link);
  const signature = new URL(link).searchParams.get('signature') ?? '';
  const answer = await fetch(`${new URL(link).origin}/emerge/link/finish`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signature, outcome }),
    redirect: 'manual',
  });
  const location = new URL(answer.headers.get('location') ?? '');
  return location.pathname + location.search;
}

/** Launches a Zapier popup flow and opens the Connect UI: the authentication id it posts. */
export async function openZapierPopup(run: Run, app?: string, launchState = state) {
  const params = app ? { params: { app } } : {};
  const launched = await run.launch('zapier', { mode: 'popup', state: launchState, ...params });
  const { token, app: named, baseUrl } = (await launched.json()) as Record<string, string>;
  const page = await fetch(`${baseUrl}/to/${named}?token=${token}&state=${launchState}`);
  return /"authId":(\d+)/.exec(await page.text())?.[1] ?? '';
}

/** A Zapier redirect flow, authorized at the mock Connect UI: the path and query of the way back. */
export async function authorizeAtZapier(run: Run, app?: string, launchState = state) {
  const params = app ? { params: { app } } : {};
  const launched = await run.launch('zapier', { mode: 'redirect', state: launchState, ...params });
  const { token, app: named, baseUrl } = (await launched.json()) as Record<string, string>;
  const redirectUri = `http://127.0.0.1:3000${basePath}/callback/zapier`;
  const query = new URLSearchParams({ token: token ?? '', redirect_uri: redirectUri });
  const page = await (await fetch(`${baseUrl}/to/${named}?${query}`)).text();
  const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const answer = await fetch(`${baseUrl}/finish`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, outcome: 'success' }),
    redirect: 'manual',
  });
  const location = new URL(answer.headers.get('location') ?? '');
  return location.pathname + location.search;
}
