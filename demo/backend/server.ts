import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { createConnectHandler, nodeListener } from '../../src/server/index';
import { mockSecrets } from '../providers/config';
import { listen, sendJson } from '../providers/http';
import { serveStatic } from './static';

export interface BackendOptions {
  /** Origin of the providers (the mock's, here). */
  providersOrigin: string;
  port?: number;
  host?: string;
  /** The built demo app to serve on the same origin as `/api`. */
  staticDir?: string;
}

/** The demo's "sign-in": an HttpOnly cookie naming a user, made on the first visit. */
const userCookie = 'rcf_demo_user';
const userOf = (request: Request) =>
  new RegExp(`(?:^|;\\s*)${userCookie}=([0-9a-f]{32})`).exec(
    request.headers.get('cookie') ?? '',
  )?.[1];

/**
 * The demo app's server: `react-connect-flow/server`'s handler holds the provider secrets,
 * mints every launch, verifies every callback against its flow cookie, and keeps the Emerge
 * uid (the browser never gets it). What is left here is configuration.
 */
export async function startBackend(options: BackendOptions) {
  const providers = options.providersOrigin;
  const uids = new Map<string, string>();
  const handler = createConnectHandler({
    basePath: '/api/connect',
    secret: randomBytes(32).toString('hex'),
    getUser: userOf,
    onConnected: ({ user, uid }) => void (uid && uids.set(user, uid)),
    getEmergeUid: (user) => uids.get(user),
    gigs: {
      ...{ apiToken: mockSecrets.gigs.token, project: mockSecrets.gigs.project },
      intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_demo' } },
      userDetails: () => ({ email: 'demo@example.com' }),
      baseUrl: `${providers}/gigs`,
    },
    emerge: {
      ...{ clientId: mockSecrets.emerge.clientId, signingSecret: mockSecrets.emerge.signingSecret },
      apiToken: mockSecrets.emerge.apiToken,
      linkBaseUrl: `${providers}/emerge`,
      apiBaseUrl: `${providers}/emerge`,
    },
    zapier: {
      ...{ clientId: mockSecrets.zapier.clientId, clientSecret: mockSecrets.zapier.clientSecret },
      subjectToken: () => 'demo-user-access-token',
      apps: ['SlackAPI'],
      baseUrl: `${providers}/zapier`,
      connectBaseUrl: `${providers}/zapier`,
      apiBaseUrl: `${providers}/zapier`,
    },
  });
  let origin = '';
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', origin);
    if (pathname.startsWith('/api/connect/')) return void nodeListener(handler, origin)(req, res);
    if (!/rcf_demo_user=/.test(req.headers.cookie ?? '')) {
      const id = randomBytes(16).toString('hex');
      res.setHeader('Set-Cookie', `${userCookie}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    }
    if (!options.staticDir) return sendJson(res, 404, { detail: 'No app built' });
    serveStatic(res, path.resolve(options.staticDir), pathname).catch(() => res.end());
  });
  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  origin = listening.origin;
  return listening;
}
