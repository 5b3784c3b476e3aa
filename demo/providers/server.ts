import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolveConfig, type MockProviderOptions } from './config';
import { createEmerge } from './emerge';
import { createGigs } from './gigs';
import { allowCors, listen, sendJson } from './http';
import { sendPage } from './page';
import { createZapier } from './zapier';

export { mockSecrets, type MockProviderOptions } from './config';
export { emergeSignature, signEmergeLink } from './emergeLink';
export { emergeOutcomes } from './emerge';
export { gigsOutcomes } from './gigs';
export { zapierOutcomes } from './zapier';

export interface MockProviders {
  /** `http://127.0.0.1:<port>`: the Zapier `baseUrl` is `${origin}/zapier`. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Local stand-ins for Gigs Connect, Emerge Link and the Zapier Connect UI on their own
 * origin, behaving as the providers document (see demo/providers/README.md).
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
    const api =
      /^\/gigs\/projects\//.test(path) ||
      path === '/zapier/oauth/token' ||
      path === '/zapier/v2/authentications' ||
      path.startsWith('/emerge/export/') ||
      path.startsWith('/emerge/consent/');
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
  return listening;
}
