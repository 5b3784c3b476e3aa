import type { VerifiedOutcome } from '../core/model/outcomeSummary';
import { readResultCookie } from './cookies/resultCookie';
import type { CookieSecret } from './cookies/signedCookie';
import { assertConfigAtCreation, checkHandlerConfig, describeFindings } from './configCheck';
import {
  consoleErrorHandler,
  HandlerFailure,
  report,
  type ErrorHandler,
  type HandlerRoute,
} from './failures';
import type { ConnectHandlerConfig, ServerProvider } from './handlerConfig';
import { handlerContext, type HandlerContext, type HandlerSettings } from './handlerContext';
import { hasParsedBody } from './http/parsedBody';
import { problem } from './http/responses';
import { callbackRoute } from './routes/callbackRoute';
import { confirmRoute } from './routes/confirmRoute';
import { consentStatusRoute } from './routes/consentStatusRoute';
import { eventsRoute } from './routes/eventsRoute';
import { exportStatusRoute } from './routes/exportStatusRoute';
import { launchRoute } from './routes/launchRoute';
import { flowIdOf, resultRoute } from './routes/resultRoute';
import {
  resultMarker,
  callbackPath,
  confirmPath,
  consentStatusPath,
  eventsPath,
  exportStatusPath,
  launchPath,
  resultPath,
  webhookPath,
} from '../core/wire/protocol';
import { webhookRoute } from './routes/webhookRoute';
import { memoryDedupeStore } from './stores/dedupeStore';
import type { ConnectEvents } from './events/connectEvents';
import { memoryEvents } from './events/memoryEvents';

interface Route {
  name: HandlerRoute;
  provider?: ServerProvider;
  serve(request: Request, context: HandlerContext): Promise<Response>;
}

/** Longer request URLs are refused before any work: 16 KiB. */
const urlLimit = 16_384;

function routesOf(config: ConnectHandlerConfig): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const provider of ['gigs', 'emerge', 'zapier'] as const satisfies ServerProvider[]) {
    if (!config[provider]) continue;
    routes.set(`POST ${launchPath(provider)}`, {
      name: 'launch',
      provider,
      serve: (request, context) => launchRoute(request, provider, context),
    });
    routes.set(`GET ${callbackPath(provider)}`, {
      name: 'callback',
      provider,
      serve: (request, context) => callbackRoute(request, provider, context),
    });
  }
  if (config.zapier) {
    routes.set(`POST ${confirmPath('zapier')}`, {
      name: 'confirm',
      provider: 'zapier',
      serve: confirmRoute,
    });
  }
  routes.set(`GET ${resultPath}`, { name: 'result', serve: resultRoute });
  if (config.emerge) {
    routes.set(`GET ${exportStatusPath}`, {
      name: 'export-status',
      provider: 'emerge',
      serve: exportStatusRoute,
    });
    routes.set(`GET ${consentStatusPath}`, {
      name: 'consent-status',
      provider: 'emerge',
      serve: consentStatusRoute,
    });
    routes.set(`GET ${eventsPath}`, {
      name: 'events',
      provider: 'emerge',
      serve: eventsRoute(),
    });
    routes.set(`POST ${webhookPath('emerge')}`, {
      name: 'webhook',
      provider: 'emerge',
      serve: webhookRoute(config.webhookStore),
    });
  }
  return routes;
}

/** What a server-rendered callback page has of its request. */
export interface ResultRequest {
  /** The request's headers: a fetch `Headers` (Next.js's `headers()`), or a plain object. */
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The page's query (Next.js's `searchParams`): its marker names the flow's result. */
  searchParams?:
    URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>> | undefined;
}

function markerOf(searchParams: ResultRequest['searchParams']): string | undefined {
  if (!searchParams) return undefined;
  if (searchParams instanceof URLSearchParams) return searchParams.get(resultMarker) ?? undefined;
  const value = searchParams[resultMarker];
  return typeof value === 'string' ? value : undefined;
}

/** The handler: a fetch handler, `(request) => Promise<Response>`, with what hosts need of it. */
export interface ConnectHandler {
  (request: Request): Promise<Response>;
  /** Where it is mounted: `nodeListener` passes other paths on to `next()`. */
  readonly basePath: string;
  /**
   * The verified outcome waiting for the signed-in user, for a server-rendered callback page
   * (pass it as `verified`), with the handler's own `getUser` and secret; `null` when none.
   */
  readResult(request: ResultRequest): Promise<VerifiedOutcome | null>;
  /** The `onError` in force (the app's, or the default log line): hosts report through it. */
  readonly onError: ErrorHandler;
}

function toHeaders(headers: ResultRequest['headers']): Headers {
  // A fetch `Headers`, or a framework's own class with its methods (Next.js's `headers()`).
  if (headers instanceof Headers) return headers;
  const headersLike = headers as Partial<Pick<Headers, 'forEach'>>;
  if (typeof headersLike.forEach === 'function') {
    const copy = new Headers();
    headersLike.forEach.call(headers, (value: string, name: string) => copy.append(name, value));
    return copy;
  }
  const all = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const each of typeof value === 'string' ? [value] : (value ?? [])) all.append(name, each);
  }
  return all;
}

/**
 * Resolves what must be valid before any request is served, once. An option left undefined at
 * creation (a secret not set during `next build`) is checked here, on the first request.
 */
function settingsOnce(config: ConnectHandlerConfig, onError: ErrorHandler): () => HandlerSettings {
  let settings: HandlerSettings | undefined;
  return () => {
    if (settings) return settings;
    const findings = checkHandlerConfig(config);
    if (findings.length) throw new HandlerFailure(describeFindings(findings));
    // Made on first use: an app that never streams or receives webhooks gets no memory engine.
    let events: ConnectEvents | undefined = config.events;
    settings = {
      secret: config.secret as CookieSecret,
      usedFlows: config.flowStore ?? memoryDedupeStore(),
      events: () => (events ??= memoryEvents()),
      onError,
    };
    return settings;
  };
}

/** Runs a route in the context `contextOf` makes (ended after): a throw is a reported 500. */
async function runRoute(
  route: Route,
  request: Request,
  contextOf: () => HandlerContext,
  ready: HandlerSettings,
): Promise<Response> {
  let context: HandlerContext | undefined;
  try {
    context = contextOf();
    return await route.serve(request, context);
  } catch (thrown) {
    // Never a stack, never a message that could hold a secret.
    const { name, provider } = route;
    report(ready.onError, thrown, { route: name, provider, status: 500, code: 'internal_error' });
    return problem(500, 'internal_error');
  } finally {
    context?.done();
  }
}

/**
 * The server half in one fetch handler, `(request) => Promise<Response>`, mounted under
 * `basePath`: launch, callback, result, Zapier confirmation, export and consent status, the
 * user's event stream and the Emerge webhook. Stateless: signed cookies hold each flow. Bad
 * input gets a clear 4xx; nothing it answers holds a secret, a token, a session URL or a
 * `uid`; no request makes it throw.
 */
export function createConnectHandler(config: ConnectHandlerConfig): ConnectHandler {
  assertConfigAtCreation(config);
  const routes = routesOf(config);
  const onError = config.onError ?? consoleErrorHandler();
  const settings = settingsOnce(config, onError);

  function configured(): HandlerSettings | Response {
    try {
      return settings();
    } catch (thrown) {
      report(onError, thrown, { route: 'config', status: 500, code: 'misconfigured' });
      return problem(500, 'misconfigured');
    }
  }

  async function serve(request: Request, requested: URL, route: Route, ready: HandlerSettings) {
    const info = { route: route.name, provider: route.provider };
    if (route.name === 'webhook' && hasParsedBody(request)) {
      const failure = new HandlerFailure(
        'the webhook body was parsed before the handler, so its signature cannot be checked: ' +
          "mount express.raw({ type: '*/*' }) on the webhook path, or mount nodeListener before express.json()",
      );
      report(ready.onError, failure, { ...info, status: 500, code: 'body_parsed' });
      return problem(500, 'body_parsed');
    }
    return runRoute(route, request, () => handlerContext(config, request, ready, requested), ready);
  }

  async function handle(request: Request): Promise<Response> {
    if (request.url.length > urlLimit) return problem(414, 'uri_too_long');
    const requested = new URL(request.url);
    const { pathname } = requested;
    if (!pathname.startsWith(`${config.basePath}/`)) return problem(404, 'not_found');
    const path = pathname.slice(config.basePath.length);
    const route = routes.get(`${request.method} ${path}`);
    if (!route) {
      const allowed = ['GET', 'POST'].filter((method) => routes.has(`${method} ${path}`));
      if (allowed.length) return problem(405, 'method_not_allowed', { Allow: allowed.join(', ') });
      return problem(404, 'not_found');
    }
    const ready = configured();
    return ready instanceof Response ? ready : serve(request, requested, route, ready);
  }

  async function readResult(request: ResultRequest): Promise<VerifiedOutcome | null> {
    const ready = configured();
    if (ready instanceof Response) return null;
    const headers = toHeaders(request.headers);
    const user = await config.getUser(new Request('http://result.invalid/', { headers }));
    const flowId = flowIdOf(markerOf(request.searchParams));
    const found = await readResultCookie(headers.get('cookie'), ready, user ?? '', flowId);
    return found ?? null;
  }

  return Object.assign(handle, { basePath: config.basePath, readResult, onError });
}
