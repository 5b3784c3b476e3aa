import { defaultCallbackPage, safeReturnPath, serverCallbackUrl } from '../core/wire/protocol';
import type { DedupeStore } from './stores/dedupeStore';
import { userChannel, type ConnectEvents } from './events/connectEvents';
import type { CookieContext } from './cookies/flowCookie';
import type { CookieSecret } from './cookies/signedCookie';
import {
  HandlerFailure,
  report,
  type ErrorHandler,
  type FailureInfo,
  type HandlerRoute,
} from './failures';
import { problem } from './http/responses';
import { providerDeadlines } from './providers/providerDeadlines';
import type { ConnectHandlerConfig, ServerProvider } from './handlerConfig';

/** One request's view of the handler's configuration. */
export interface HandlerContext {
  config: ConnectHandlerConfig;
  url: URL;
  cookies: CookieContext;
  flowLifetime: number;
  /** Flows whose callback came: each is used once. */
  usedFlows: DedupeStore;
  /** The events engine: `config.events`, or memory made on first use. */
  events: () => ConnectEvents;
  /** The user's events channel: an HMAC of the uid, never the uid. */
  userChannel(uid: string): Promise<string>;
  /** The provider's redirect target: this handler's callback route. */
  callbackUrl(provider: ServerProvider): string;
  /** A same-origin path for the callback page, from the browser's `page`; else the default. */
  pagePath(page: unknown): string | undefined;
  /** Tells the app's `onError` (or the default log line) about a failure. */
  report(thrown: unknown, info: FailureInfo): void;
  /** Aborts a provider call after `providerTimeout` ms. */
  providerSignal(): AbortSignal;
  /** Ends what the request left running (its provider deadlines): called once it is answered. */
  done(): void;
  /** 403 `cross_origin`, reported with the expected and the received origin. */
  crossOrigin(request: Request, route: HandlerRoute, provider: ServerProvider): Response;
}

/** What the handler resolved once, at creation or on its first request. */
export interface HandlerSettings {
  secret: CookieSecret;
  usedFlows: DedupeStore;
  events: () => ConnectEvents;
  onError: ErrorHandler;
}

/**
 * A return page fit for a `Location` header: URL characters only (RFC 3986: unreserved,
 * sub-delims, `:@/?#` and percent-escapes; no space, control or non-ASCII character), and
 * 512 bytes at most, so the flow cookie that carries it stays small.
 */
const safePage = /^\/[\w\-.~!$&'()*+,;=:@/?#%]{0,511}$/;

/** Provider calls are abandoned after this long, unless the app says otherwise: 10 s. */
const defaultProviderTimeout = 10_000;

/** `requested`: the request's URL, when the caller parsed it already. */
export function handlerContext(
  config: ConnectHandlerConfig,
  request: Request,
  settings: HandlerSettings,
  requested = new URL(request.url),
): HandlerContext {
  // The public origin, when the app names one: the request's may be a proxy's or localhost.
  const url = config.origin
    ? new URL(requested.pathname + requested.search, config.origin)
    : requested;
  const defaultPage = config.callbackPage ?? defaultCallbackPage;
  const deadlines = providerDeadlines(config.providerTimeout ?? defaultProviderTimeout);
  return {
    config,
    url,
    cookies: { secret: settings.secret, basePath: config.basePath, url, userKeys: new Map() },
    flowLifetime: config.flowLifetime ?? 900,
    usedFlows: settings.usedFlows,
    events: settings.events,
    userChannel: (uid) => userChannel(settings.secret, uid),
    callbackUrl: (provider) => serverCallbackUrl(url.origin, config.basePath, provider),
    pagePath(page) {
      if (page === undefined) return defaultPage;
      if (typeof page !== 'string') return undefined;
      // Only same-origin paths: a full URL of this origin is reduced to its path.
      const path = page.startsWith(`${url.origin}/`) ? page.slice(url.origin.length) : page;
      return safePage.test(path) ? safeReturnPath(path) : undefined;
    },
    report: (thrown, info) => report(settings.onError, thrown, info),
    providerSignal: deadlines.signal,
    done: deadlines.clear,
    crossOrigin(request, route, provider) {
      const received = JSON.stringify((request.headers.get('origin') ?? '(none)').slice(0, 100));
      const type = JSON.stringify((request.headers.get('content-type') ?? '(none)').slice(0, 100));
      const failure = new HandlerFailure(
        `expected origin ${JSON.stringify(url.origin)}, received ${received} (content type ${type}); ` +
          'set the origin option to the address the browser uses',
      );
      report(settings.onError, failure, { route, provider, status: 403, code: 'cross_origin' });
      return problem(403, 'cross_origin');
    },
  };
}
