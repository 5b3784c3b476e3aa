import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mockSecrets, resolveConfig, type MockProviderOptions } from './mockConfig';
import { createEmerge } from './emerge';
import { sendEmergeWebhook, type MockWebhookEvent, type MockWebhookOptions } from './emergeWebhook';
import { createGigs } from './gigs';
import { allowCors, listen, sendJson } from './http';
import { sendPage } from './page';
import { createZapier } from './zapier';

/**
 * Per provider, the credentials and base URLs of the mock: spread each into the handler's
 * own provider config. The app still supplies `gigs.intent`, `zapier.subjectToken` and
 * `zapier.apps`.
 */
export interface MockHandlerConfig {
  gigs: { apiToken: string; project: string; baseUrl: string };
  emerge: {
    clientId: string;
    signingSecret: string;
    apiToken: string;
    webhookSecret: string;
    linkBaseUrl: string;
    apiBaseUrl: string;
  };
  zapier: {
    clientId: string;
    clientSecret: string;
    baseUrl: string;
    connectBaseUrl: string;
    apiBaseUrl: string;
  };
}

export interface MockProviders {
  /** `http://127.0.0.1:<port>`; each provider lives under its own path (`/gigs`, `/emerge`, `/zapier`). */
  origin: string;
  handlerConfig: MockHandlerConfig;
  /**
   * Delivers an Emerge webhook to `url` as Emerge does: the JSON envelope (`timestamp` and
   * `client_id` filled in), `X-Signature` with the mock's webhook secret, `X-Webhook-Version`,
   * `X-Attempt-Number` and `Idempotency-Key` (a new one unless given). Resolves to the answer.
   */
  sendEmergeWebhook(
    url: string,
    event: MockWebhookEvent,
    options?: MockWebhookOptions,
  ): Promise<Response>;
  /** Stops the server and ends its open connections. */
  close(): Promise<void>;
}

const handlerConfigFor = (origin: string): MockHandlerConfig => ({
  gigs: {
    apiToken: mockSecrets.gigs.token,
    project: mockSecrets.gigs.project,
    baseUrl: `${origin}/gigs`,
  },
  emerge: {
    ...mockSecrets.emerge,
    linkBaseUrl: `${origin}/emerge`,
    apiBaseUrl: `${origin}/emerge`,
  },
  zapier: {
    ...mockSecrets.zapier,
    baseUrl: `${origin}/zapier`,
    connectBaseUrl: `${origin}/zapier`,
    apiBaseUrl: `${origin}/zapier`,
  },
});

/** The API routes (CORS, JSON errors), as opposed to the hosted pages. */
const isApi = (path: string) =>
  /^\/gigs\/projects\//.test(path) ||
  path === '/zapier/oauth/token' ||
  path === '/zapier/v2/authentications' ||
  path.startsWith('/emerge/export/') ||
  path.startsWith('/emerge/consent/');

interface MockRoutes {
  gigs: ReturnType<typeof createGigs>;
  emerge: ReturnType<typeof createEmerge>;
  zapier: ReturnType<typeof createZapier>;
}

/** The provider path's one segment after `pattern`'s prefix, decoded, or `undefined`. */
function segment(pattern: RegExp, path: string): string | undefined {
  const match = pattern.exec(path);
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
}

/** Hands a request to the mock provider whose documented route it names. */
async function dispatch(routes: MockRoutes, req: IncomingMessage, res: ServerResponse, url: URL) {
  const { gigs, emerge, zapier } = routes;
  const { pathname: path, searchParams: query } = url;
  const get = req.method === 'GET';
  const post = req.method === 'POST';
  let id: string | undefined;
  if (post && (id = segment(/^\/gigs\/projects\/([^/]+)\/connectSessions$/, path)) !== undefined) {
    return gigs.create(req, res, id);
  }
  if (get && path === '/gigs/connect') return gigs.page(res, query);
  if (post && path === '/gigs/connect/finish') return gigs.submit(req, res);
  if (get && path === '/emerge/link/start') return emerge.start(res, query);
  if (post && path === '/emerge/link/finish') return emerge.submit(req, res);
  if (get && (id = segment(/^\/emerge\/export\/status\/([^/]+)$/, path)) !== undefined) {
    return emerge.exportStatus(req, res, id);
  }
  if (get && (id = segment(/^\/emerge\/consent\/status\/([^/]+)$/, path)) !== undefined) {
    return emerge.consentStatus(req, res, id);
  }
  if (post && path === '/zapier/oauth/token') return zapier.token(req, res);
  if (get && path === '/zapier/v2/authentications') {
    return zapier.listAuthentications(req, res, query);
  }
  if (get && (id = segment(/^\/zapier\/to\/([^/]+)$/, path)) !== undefined) {
    return zapier.page(req, res, id, query);
  }
  if (post && path === '/zapier/finish') return zapier.submit(req, res);
  if (isApi(path)) return sendJson(res, 404, { detail: 'Not Found' });
  sendPage(res, { status: 404, title: 'Not found', body: '<p>No such page.</p>' });
}

/**
 * One request: a hosted page's `GET` is reported to `onPageRequest`, and an API route answers
 * CORS (and its preflight) before its provider does.
 */
async function handleRequest(
  routes: MockRoutes,
  options: MockProviderOptions,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', origin);
  const api = isApi(url.pathname);
  if (req.method === 'GET' && !api) {
    options.onPageRequest?.({ path: url.pathname, referer: req.headers.referer });
  }
  if (api) {
    allowCors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
  }
  return dispatch(routes, req, res, url);
}

/** A request that throws (a malformed URL or escape, a body that is not JSON) is a JSON `400`. */
function answerFailure(res: ServerResponse): void {
  if (!res.headersSent) sendJson(res, 400, { error: 'invalid_request' });
  else res.end();
}

/**
 * Local stand-ins for Gigs Connect, Emerge Link and the Zapier Connect UI on their own
 * origin, behaving as the providers document (docs/mock-providers.md lists every route).
 */
export async function startMockProviders(
  options: MockProviderOptions = {},
): Promise<MockProviders> {
  const config = resolveConfig(options);
  let origin = '';
  const routes: MockRoutes = {
    gigs: createGigs(config, () => origin),
    emerge: createEmerge(config),
    zapier: createZapier(config),
  };
  const server = createServer((req, res) => {
    handleRequest(routes, options, origin, req, res).catch(() => answerFailure(res));
  });
  const listening = await listen(server, config.port, config.host);
  origin = listening.origin;
  return {
    origin,
    handlerConfig: handlerConfigFor(origin),
    sendEmergeWebhook: (url, event, webhookOptions) =>
      sendEmergeWebhook(url, event, webhookOptions, config.now),
    close: listening.close,
  };
}
