import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
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
  /** A user's Emerge uid became known (their consent was verified). */
  onEmergeUid?: ((uid: string) => void) | undefined;
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

/**
 * Each provider call's time (from the request to the end of its body), added to its request's
 * `Server-Timing`: read from Node's fetch (undici) diagnostics channels, so the handler keeps
 * the global `fetch`, as an app's handler does, and nothing wraps it.
 */
function timeProviderCalls(): void {
  const started = new WeakMap<object, { timing: { provider: number }; at: number }>();
  subscribe('undici:request:create', (message) => {
    const timing = requestTiming.getStore();
    if (timing)
      started.set((message as { request: object }).request, { timing, at: performance.now() });
  });
  subscribe('undici:request:trailers', (message) => {
    const call = started.get((message as { request: object }).request);
    if (call) call.timing.provider += performance.now() - call.at;
  });
}
timeProviderCalls();

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
    onConnected: ({ user, uid }) => {
      if (!uid) return;
      uids.set(user, uid);
      options.onEmergeUid?.(uid);
    },
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
