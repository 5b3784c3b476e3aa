import type { FlowRecord } from '../browser/flowRecord';
import { expectationOf, parseCallback } from '../model/parseCallback';
import { queryOf, readProviderQuery, splitQuery } from '../model/parseQuery';
import { resultMarker } from '../wire/protocol';
import type { AnyProviderAdapter, CallbackExpectation, ConnectOutcome } from '../model/types';

/** What the page reads a callback with: the adapters it knows, and the app's word. */
export interface CallbackReadingOptions extends CallbackExpectation {
  /** The adapters the stored flow may name, and the ones to detect among without one. */
  providers: readonly AnyProviderAdapter[];
}

/**
 * The decision the page makes, the same on a server: the callback against the stored flow's
 * expectations (or the app's word), with the flow's own adapter when it names one.
 */
export function readCallback(
  href: string,
  flow: FlowRecord | undefined,
  options: CallbackReadingOptions,
): ConnectOutcome {
  const adapter = flow && options.providers.find((provider) => provider.id === flow.provider);
  // A flow of a provider this page does not know lends nothing to another provider's callback.
  const known = adapter ? flow : undefined;
  return parseCallback(href, {
    provider: adapter ?? options.providers,
    ...expectationOf(known, options),
  });
}

/** The address without the provider's parameters (`names`): the app's own and the hash stay. */
export function scrubbedAddress(href: string, names: readonly string[]): string {
  const hashAt = href.indexOf('#');
  const head = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : href.slice(hashAt);
  const queryAt = head.indexOf('?');
  if (queryAt < 0) return href;
  const { appQuery } = readProviderQuery(splitQuery(queryOf(head)), new Set(names));
  return head.slice(0, queryAt) + (appQuery ? `?${appQuery}` : '') + hash;
}

/** The server's result marker (`{provider}.{flowId}`), when the address has one. */
export function resultMarkerOf(href: string): string | undefined {
  const { params } = readProviderQuery(splitQuery(queryOf(href)), new Set([resultMarker]));
  return params[resultMarker];
}

/** The adapter the server's result marker names, when the address has one. */
export function announcedProvider(
  href: string,
  providers: readonly AnyProviderAdapter[],
): AnyProviderAdapter | undefined {
  const id = resultMarkerOf(href)?.split('.')[0];
  return providers.find((provider) => provider.id === id);
}
