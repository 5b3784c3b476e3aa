import { callbackRoute, confirmRoute } from './routes/callbackRoute';
import { memoryDedupeStore } from './stores/dedupeStore';
import { exportStatusRoute } from './routes/exportStatusRoute';
import type { ConnectHandlerConfig, ServerProvider } from './handlerConfig';
import { handlerContext, type HandlerContext } from './handlerContext';
import { launchRoute } from './routes/launchRoute';
import { problem } from './http/responses';
import { resultRoute } from './routes/resultRoute';
import { webhookRoute } from './routes/webhookRoute';

type Route = (request: Request, context: HandlerContext) => Promise<Response>;

/** Longer request URLs are refused before any work: 16 KiB. */
const urlLimit = 16_384;

function routesOf(config: ConnectHandlerConfig): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const provider of ['gigs', 'emerge', 'zapier'] as const satisfies ServerProvider[]) {
    if (!config[provider]) continue;
    routes.set(`POST /launch/${provider}`, (request, context) =>
      launchRoute(request, provider, context),
    );
    routes.set(`GET /callback/${provider}`, (request, context) =>
      callbackRoute(request, provider, context),
    );
  }
  if (config.zapier) routes.set('POST /confirm/zapier', confirmRoute);
  routes.set('GET /result', resultRoute);
  if (config.emerge) {
    routes.set('GET /export-status', exportStatusRoute);
    routes.set('POST /webhook/emerge', webhookRoute(config.webhookStore));
  }
  return routes;
}

function checkConfig(config: ConnectHandlerConfig): void {
  if (!/^\/[\w\-/]*[\w-]$/.test(config.basePath)) {
    throw new TypeError('basePath must be a path like /api/connect (no trailing slash)');
  }
  if (config.origin !== undefined && new URL(config.origin).origin !== config.origin) {
    throw new TypeError('origin must be an origin like https://app.example (no path)');
  }
  const secrets = typeof config.secret === 'string' ? [config.secret] : config.secret;
  if (!secrets.length || secrets.some((secret) => secret.length < 32)) {
    throw new TypeError('secret must be at least 32 characters (or a list of such, to rotate)');
  }
}

/**
 * The server half in one fetch handler, `(request) => Promise<Response>`, mounted under
 * `basePath`: launch, callback, result, Zapier confirmation, export status and the Emerge
 * webhook. Stateless: signed cookies hold each flow. Bad input gets a clear 4xx; nothing it
 * answers holds a secret, a token, a session URL or a `uid`.
 */
export function createConnectHandler(config: ConnectHandlerConfig) {
  checkConfig(config);
  const routes = routesOf(config);
  const usedFlows = config.flowStore ?? memoryDedupeStore();
  return async function handle(request: Request): Promise<Response> {
    if (request.url.length > urlLimit) return problem(414, 'uri_too_long');
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith(`${config.basePath}/`)) return problem(404, 'not_found');
    const path = pathname.slice(config.basePath.length);
    const route = routes.get(`${request.method} ${path}`);
    if (!route) {
      const allowed = ['GET', 'POST'].filter((method) => routes.has(`${method} ${path}`));
      if (allowed.length) return problem(405, 'method_not_allowed', { Allow: allowed.join(', ') });
      return problem(404, 'not_found');
    }
    try {
      return await route(request, handlerContext(config, request, usedFlows));
    } catch {
      // Never a stack, never a message that could hold a secret.
      return problem(500, 'internal_error');
    }
  };
}
