import { createOutcome, part } from './outcome';
import { parseQuery, queryOf } from './parseQuery';
import { providers, resolveProvider } from './providers/index';
import type {
  CallbackParams,
  ConnectOutcome,
  OutcomeParts,
  ParseContext,
  ProviderAdapter,
  ProviderId,
} from './types';

export interface ParseCallbackOptions extends ParseContext {
  /** The provider, by id or adapter. When absent, it is detected from the parameters. */
  provider?: ProviderId | ProviderAdapter<never> | undefined;
  /** The CSRF state this browser stored for the flow. */
  expectedState?: string | undefined;
  /** Adapters to detect among when no provider is named. Defaults to the three built-in ones. */
  adapters?: readonly ProviderAdapter<never>[] | undefined;
}

const error = (code: string): OutcomeParts => part('error', code);

function detect(query: string, adapters: readonly ProviderAdapter<never>[]) {
  const names = new Set(query.split('&').map((part) => part.split('=', 1)[0]));
  const found = adapters.filter((adapter) => adapter.markers.some((name) => names.has(name)));
  return found.length === 1 ? found[0] : found.length ? 'ambiguous' : undefined;
}

/** Decides the outcome of already-extracted parameters (a redirect or a `postMessage`). */
export function decide(
  adapter: ProviderAdapter<never>,
  params: CallbackParams,
  options: ParseCallbackOptions = {},
): OutcomeParts {
  const { expectedState } = options;
  const state = params.state;
  // A flow that stored a state accepts only that state; a provider that echoes it must send it.
  if (
    (adapter.echoesState && (!expectedState || state !== expectedState)) ||
    (expectedState && state !== undefined && state !== expectedState)
  ) {
    return error('invalid_state');
  }
  return adapter.parse(params, options);
}

/**
 * Turns what came back from a provider into one outcome. Never throws; never answers
 * `success` without the identifiers (and, where the provider echoes it, the state) it needs.
 */
export function parseCallback(
  input: string | URL | URLSearchParams,
  options: ParseCallbackOptions = {},
): ConnectOutcome {
  let query: string;
  try {
    query = queryOf(input);
  } catch {
    query = '';
  }
  const adapters = options.adapters ?? Object.values(providers);
  const adapter = options.provider ? resolveProvider(options.provider) : detect(query, adapters);
  if (typeof adapter !== 'object') {
    const code = adapter ? 'ambiguous_params' : 'missing_params';
    return createOutcome('unknown', error(code), undefined, query);
  }
  const { params, repeated, malformed, appQuery } = parseQuery(query, new Set(adapter.params));
  const parts = repeated
    ? error('ambiguous_params')
    : malformed
      ? error('malformed_params')
      : decide(adapter, params, options);
  return createOutcome(adapter.id, parts, params, appQuery);
}
