import { createConnectHandler } from 'react-connect-flow/server';
import { userFromCookieHeader } from './demoUser';
import { basePath } from './paths';
import { cookieSecret } from './secret';

/**
 * The mock providers' fixed test credentials (`demo/providers/config.ts`, `mockSecrets`): this
 * example runs against the local mocks, never the real services. A real app reads its own
 * secrets from the environment.
 */
const mockSecrets = {
  gigs: { token: 'gigs_test_api_token', project: 'demo' },
  emerge: {
    clientId: 'emerge_demo_client',
    signingSecret: 'emerge_test_signing_secret',
    apiToken: 'emerge_test_api_token',
  },
  zapier: { clientId: 'zapier_demo_client', clientSecret: 'zapier_test_client_secret' },
} as const;

/** The Emerge uid of each user, kept on the server (in memory: one process, an example). */
const uids = new Map<string, string>();

function providersOrigin(): string {
  const origin = process.env.MOCK_PROVIDERS_ORIGIN;
  if (!origin) throw new Error('Set MOCK_PROVIDERS_ORIGIN to the mock providers (demo/providers)');
  return origin.replace(/\/$/, '');
}

function createHandler() {
  const providers = providersOrigin();
  return createConnectHandler({
    basePath,
    secret: cookieSecret,
    // `next start` hands route handlers `http://localhost:<port>` whatever the browser used: the
    // providers' redirect target must be built on the public origin.
    origin: process.env.APP_ORIGIN,
    getUser: (request) => userFromCookieHeader(request.headers.get('cookie')),
    onConnected: ({ user, uid }) => {
      if (uid) uids.set(user, uid);
    },
    getEmergeUid: (user) => uids.get(user),
    gigs: {
      apiToken: mockSecrets.gigs.token,
      project: mockSecrets.gigs.project,
      intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_demo' } },
      userDetails: () => ({ email: 'example@example.com' }),
      baseUrl: `${providers}/gigs`,
    },
    emerge: {
      clientId: mockSecrets.emerge.clientId,
      signingSecret: mockSecrets.emerge.signingSecret,
      apiToken: mockSecrets.emerge.apiToken,
      linkBaseUrl: `${providers}/emerge`,
      apiBaseUrl: `${providers}/emerge`,
    },
    zapier: {
      clientId: mockSecrets.zapier.clientId,
      clientSecret: mockSecrets.zapier.clientSecret,
      subjectToken: () => 'example-user-access-token',
      apps: ['SlackAPI'],
      baseUrl: `${providers}/zapier`,
      connectBaseUrl: `${providers}/zapier`,
      apiBaseUrl: `${providers}/zapier`,
    },
  });
}

let handler: ((request: Request) => Promise<Response>) | undefined;

/**
 * The handler, made on the first request: the providers' origin is known when the server
 * starts, not when `next build` collects the route.
 */
export function connectHandler(request: Request): Promise<Response> {
  handler ??= createHandler();
  return handler(request);
}
