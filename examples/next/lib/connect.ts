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
    },
  });
}

let handler: ((request: Request) => Promise<Response>) | undefined;

/**
 * The request as the browser addressed it. `next start` hands route handlers a `request.url`
 * built from its own host name (`http://localhost:<port>`, whatever the browser used), and the
 * handler derives the providers' redirect target and the cookies' `Secure` flag from it. So the
 * app names its public origin (`APP_ORIGIN`, e.g. `https://app.example.com`); without one the
 * request is passed on as it is.
 */
function asAddressed(request: Request): Request {
  const origin = process.env.APP_ORIGIN;
  if (!origin) return request;
  const { pathname, search } = new URL(request.url);
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  };
  if (request.body) Object.assign(init, { body: request.body, duplex: 'half' });
  return new Request(new URL(pathname + search, origin), init);
}

/**
 * The handler, made on the first request: the providers' origin is known when the server
 * starts, not when `next build` collects the route.
 */
export function connectHandler(request: Request): Promise<Response> {
  handler ??= createHandler();
  return handler(asAddressed(request));
}
