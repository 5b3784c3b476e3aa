import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { listen, readJson, sendJson } from '../providers/http';
import { providerClient } from './providers';
import { createSessions } from './sessions';
import { serveStatic } from './static';

export interface BackendOptions {
  /** Origin of the providers (the mock's, here). */
  providersOrigin: string;
  port?: number;
  host?: string;
  /** The built demo app to serve on the same origin as `/api`. */
  staticDir?: string;
}

export interface Backend {
  origin: string;
  close(): Promise<void>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The demo app's server: it holds the provider secrets, mints a launch per attempt, verifies
 * the Emerge callback against the states it signed, and proxies export status by a uid the
 * browser never receives back. It also serves the built app, on one origin with `/api`.
 */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const providers = providerClient(options.providersOrigin);
  const session = createSessions();
  let origin = '';

  // Only this app's own callback route may be a redirect target (no open redirect).
  const callbackUri = (value: unknown) => {
    try {
      const url = new URL(text(value));
      return url.origin === origin && url.pathname === '/connect/callback' ? url.href : undefined;
    } catch {
      return undefined;
    }
  };

  async function api(req: IncomingMessage, res: ServerResponse, route: string) {
    const user = session(req, res);
    if (req.method === 'GET' && route === 'export-status') {
      if (!user.emergeUid) return sendJson(res, 404, { detail: 'Not connected yet' });
      const { status, body } = await providers.exportStatus(user.emergeUid);
      return sendJson(res, status, body);
    }
    if (req.method !== 'POST') return sendJson(res, 405, { detail: 'Method not allowed' });
    const body = (await readJson(req)) ?? {};
    switch (route) {
      case 'gigs/session': {
        const redirectUri = callbackUri(body.redirectUri);
        if (!redirectUri) return sendJson(res, 400, { detail: 'Bad redirectUri' });
        const theme = body.theme === 'dark' || body.theme === 'light' ? body.theme : undefined;
        return sendJson(res, 200, await providers.gigsSession(redirectUri, theme));
      }
      case 'emerge/link': {
        const redirectUri = callbackUri(body.redirectUri);
        const state = text(body.state);
        if (!redirectUri || state.length < 16) return sendJson(res, 400, { detail: 'Bad request' });
        user.emergeStates.add(state);
        return sendJson(res, 200, providers.emergeLink(state, redirectUri));
      }
      case 'emerge/verify': {
        // The seed's server check: the state must be one this backend signed, used once.
        const state = text(body.state);
        const uid = text(body.uid);
        if (!user.emergeStates.delete(state) || !uid)
          return sendJson(res, 400, { detail: 'invalid_state' });
        user.emergeUid = uid;
        return sendJson(res, 200, { ok: true });
      }
      case 'zapier/token': {
        const app = text(body.app) || 'SlackAPI';
        return sendJson(res, 200, await providers.zapierToken(app));
      }
      default:
        return sendJson(res, 404, { detail: 'Not found' });
    }
  }

  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', origin);
    const work = pathname.startsWith('/api/')
      ? api(req, res, pathname.slice(5))
      : options.staticDir
        ? serveStatic(res, path.resolve(options.staticDir), pathname)
        : Promise.resolve(sendJson(res, 404, { detail: 'No app built' }));
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 502, { detail: 'Provider unavailable' });
      else res.end();
    });
  });
  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  origin = listening.origin;
  return listening;
}
