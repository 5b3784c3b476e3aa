import { safeReturnPath } from '../core/browser/flowContext';
import type { DedupeStore } from './stores/dedupeStore';
import type { CookieContext } from './cookies/flowCookie';
import type { ConnectHandlerConfig, ServerProvider } from './handlerConfig';

/** One request's view of the handler's configuration. */
export interface HandlerContext {
  config: ConnectHandlerConfig;
  url: URL;
  cookies: CookieContext;
  flowLifetime: number;
  /** Flows whose callback came: each is used once. */
  usedFlows: DedupeStore;
  /** The provider's redirect target: this handler's callback route. */
  callbackUrl(provider: ServerProvider): string;
  /** A same-origin path for the callback page, from the browser's `page`; else the default. */
  pagePath(page: unknown): string | undefined;
}

export function handlerContext(
  config: ConnectHandlerConfig,
  request: Request,
  usedFlows: DedupeStore,
): HandlerContext {
  const requested = new URL(request.url);
  // The public origin, when the app names one: the request's may be a proxy's or localhost.
  const url = config.origin
    ? new URL(requested.pathname + requested.search, config.origin)
    : requested;
  const defaultPage = config.callbackPage ?? '/connect/callback';
  return {
    config,
    url,
    cookies: { secret: config.secret, basePath: config.basePath, url },
    flowLifetime: config.flowLifetime ?? 900,
    usedFlows,
    callbackUrl: (provider) => `${url.origin}${config.basePath}/callback/${provider}`,
    pagePath(page) {
      if (page === undefined) return defaultPage;
      if (typeof page !== 'string') return undefined;
      // Only same-origin paths: a full URL of this origin is reduced to its path.
      const path = page.startsWith(`${url.origin}/`) ? page.slice(url.origin.length) : page;
      return safeReturnPath(path);
    },
  };
}
