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

/**
 * Local stand-ins for Gigs Connect, Emerge Link and the Zapier Connect UI on their own
 * origin, behaving as the providers document (docs/mock-providers.md lists every route).
 */
export async function startMockProviders(
  options: MockProviderOptions = {},
): Promise<MockProviders> {
  const config = resolveConfig(options);
  let origin = '';
  const gigs = createGigs(config, () => origin);
  const emerge = createEmerge(config);
  const zapier = createZapier(config);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const { pathname: path, searchParams: query } = url;
    const method = req.method ?? 'GET';
    let match: RegExpExecArray | null;
    const api = isApi(path);
    if (method === 'GET' && !api) options.onPageRequest?.({ path, referer: req.headers.referer });
    if (api) {
      allowCors(req, res);
      if (method === 'OPTIONS') return void res.writeHead(204).end();
    }
    if (method === 'POST' && (match = /^\/gigs\/projects\/([^/]+)\/connectSessions$/.exec(path))) {
      return gigs.create(req, res, decodeURIComponent(match[1] ?? ''));
    }
    if (method === 'GET' && path === '/gigs/connect') return gigs.page(res, query);
    if (method === 'POST' && path === '/gigs/connect/finish') return gigs.submit(req, res);
    if (method === 'GET' && path === '/emerge/link/start') return emerge.start(res, query);
    if (method === 'POST' && path === '/emerge/link/finish') return emerge.submit(req, res);
    if (method === 'GET' && (match = /^\/emerge\/export\/status\/([^/]+)$/.exec(path))) {
      return emerge.exportStatus(req, res, decodeURIComponent(match[1] ?? ''));
    }
    if (method === 'GET' && (match = /^\/emerge\/consent\/status\/([^/]+)$/.exec(path))) {
      return emerge.consentStatus(req, res, decodeURIComponent(match[1] ?? ''));
    }
    if (method === 'POST' && path === '/zapier/oauth/token') return zapier.token(req, res);
    if (method === 'GET' && path === '/zapier/v2/authentications') {
      return zapier.listAuthentications(req, res, query);
    }
    if (method === 'GET' && (match = /^\/zapier\/to\/([^/]+)$/.exec(path))) {
      return zapier.page(req, res, decodeURIComponent(match[1] ?? ''), query);
    }
    if (method === 'POST' && path === '/zapier/finish') return zapier.submit(req, res);
    if (api) return sendJson(res, 404, { detail: 'Not Found' });
    sendPage(res, { status: 404, title: 'Not found', body: '<p>No such page.</p>' });
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 400, { error: 'invalid_request' });
      else res.end();
    });
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
