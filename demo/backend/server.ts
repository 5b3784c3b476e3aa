import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createConnectHandler, nodeListener } from '../../src/server/index';
import { listen, sendJson } from '../../src/testing/http';
import type { MockHandlerConfig } from '../../src/testing/index';
import { serveStatic } from './static';

export interface BackendOptions {
  /** The providers' credentials and addresses: the mock's `handlerConfig`, here. */
  providers: MockHandlerConfig;
  port?: number;
  host?: string;
  /** The built demo app to serve on the same origin as `/api`. */
  staticDir?: string;
  /** Test-only hook: each API answer's URL, status and body, as the page's scripts get it. */
  onApiResponse?: ((answer: { url: string; status: number; body: string }) => void) | undefined;
}

/** The demo's "sign-in": an HttpOnly cookie naming a user, made on the first visit. */
const userCookie = 'rcf_demo_user';
const userOf = (request: Request) =>
  new RegExp(`(?:^|;\\s*)${userCookie}=([0-9a-f]{32})`).exec(
    request.headers.get('cookie') ?? '',
  )?.[1];

/**
 * `Server-Timing: app;dur=…`, the handler's own time from the request to its answer (provider
 * calls included, and apart), for the browser's resource timing (`npm run bench:confirm`).
 */
function timeServer(res: ServerResponse, run: () => void): void {
  const started = performance.now();
  const timing = { provider: 0 };
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (!res.headersSent) {
      const app = `app;dur=${(performance.now() - started).toFixed(2)}`;
      res.setHeader('Server-Timing', `${app}, provider;dur=${timing.provider.toFixed(2)}`);
    }
    return end(...args);
  }) as typeof res.end;
  requestTiming.run(timing, run);
}

const requestTiming = new AsyncLocalStorage<{ provider: number }>();

/** The global `fetch`, adding each provider call's time to its request's `Server-Timing`. */
async function timedFetch(request: Request): Promise<Response> {
  const started = performance.now();
  try {
    const response = await fetch(request);
    const body = await response.arrayBuffer();
    return new Response(body, response);
  } finally {
    const timing = requestTiming.getStore();
    if (timing) timing.provider += performance.now() - started;
  }
}

/**
 * The demo app's server: `react-connect-flow/server`'s handler holds the provider secrets,
 * mints every launch, verifies every callback against its flow cookie, and keeps the Emerge
 * uid (the browser never gets it). What is left here is configuration.
 */
export async function startBackend(options: BackendOptions) {
  const { providers } = options;
  const uids = new Map<string, string>();
  const handler = createConnectHandler({
    basePath: '/api/connect',
    secret: randomBytes(32).toString('hex'),
    getUser: userOf,
    onConnected: ({ user, uid }) => void (uid && uids.set(user, uid)),
    getEmergeUid: (user) => uids.get(user),
    gigs: {
      ...providers.gigs,
      intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_demo' } },
      userDetails: () => ({ email: 'demo@example.com' }),
    },
    emerge: providers.emerge,
    zapier: {
      ...providers.zapier,
      subjectToken: () => 'demo-user-access-token',
      apps: ['SlackAPI'],
      fetch: timedFetch,
    },
  });
  const observed = async (request: Request) => {
    const response = await handler(request);
    // An event stream never ends: its body is not waited for (the events route, /events).
    const streaming = response.headers.get('content-type')?.startsWith('text/event-stream');
    const body = streaming ? '' : await response.clone().text();
    options.onApiResponse?.({ url: request.url, status: response.status, body });
    return response;
  };
  let origin = '';
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', origin);
    if (pathname.startsWith('/api/connect/')) {
      const served = options.onApiResponse ? observed : handler;
      return timeServer(res, () => void nodeListener(served, origin)(req, res));
    }
    // A trivial answer from the same server: `npm run bench:confirm` compares a confirmation
    // with it.
    if (pathname === '/api/ping') return sendJson(res, 200, { ok: true });
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
