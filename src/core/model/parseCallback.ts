import { outcomeOf } from './outcome';
import { ownError } from './decision';
import { queryOf, readProviderQuery, splitQuery, type QueryPart } from './parseQuery';
import { sameText } from '../shared/sameText';
import type {
  AnyProviderAdapter,
  CallbackExpectation,
  CallbackParams,
  ConnectOutcome,
  Decision,
  SuccessDecision,
} from './types';

export interface ParseCallbackOptions extends CallbackExpectation {
  /**
   * The provider's adapter, or the adapters to detect it among (`builtInProviders`, say). Only
   * the adapters named here reach a bundle.
   */
  provider: AnyProviderAdapter | readonly AnyProviderAdapter[];
}

/** Whether the trailing parameters hold one of the sets of names this adapter always sends. */
function sentBy(adapter: AnyProviderAdapter, parts: readonly QueryPart[]): boolean {
  const { names } = readProviderQuery(parts, new Set(adapter.params));
  return adapter.signatures.some((signature) => signature.every((name) => names.has(name)));
}

/**
 * The adapter whose parameters end the query, `'ambiguous'` when several fit, `undefined` when
 * none does. The app's own parameters, before the provider's, never count.
 */
export function detectProvider(
  parts: readonly QueryPart[],
  adapters: readonly AnyProviderAdapter[],
): AnyProviderAdapter | 'ambiguous' | undefined {
  const found = adapters.filter((adapter) => sentBy(adapter, parts));
  if (found.length > 1) return 'ambiguous';
  return found[0];
}

/** A state that came back must be the expected one; a provider that always echoes it must send it. */
function stateMatches(
  adapter: AnyProviderAdapter,
  state: string | undefined,
  expectedState: string | undefined,
): boolean {
  if (!expectedState) return true;
  if (state === undefined) return adapter.binding !== 'state';
  return sameText(state, expectedState);
}

/** Whether a success is tied to a flow this browser started, or one the app vouched for. */
function successIsBound(
  adapter: AnyProviderAdapter,
  decision: SuccessDecision,
  expectation: CallbackExpectation,
): boolean {
  switch (adapter.binding) {
    case 'state':
    case 'flow':
      // The state itself was compared before parsing.
      return !!expectation.expectedState;
    case 'session':
      return (
        !!expectation.expectedSessionId &&
        sameText(decision.sessionId ?? '', expectation.expectedSessionId)
      );
    default:
      return adapter.binding satisfies never;
  }
}

/** What a stored flow (the browser's `FlowRecord`, the server's `FlowRecord`) binds. */
export interface StoredBinding {
  state: string;
  sessionId?: string | undefined;
  reconnect?: boolean | undefined;
}

/**
 * The expectation a stored flow sets, with the app's word (`given`) first where it has one:
 * the browser's callback page and the server's routes read a flow the same way.
 */
export function expectationOf(
  flow: StoredBinding | undefined,
  given: CallbackExpectation = {},
): CallbackExpectation {
  return {
    expectedState: given.expectedState ?? flow?.state,
    expectedSessionId: given.expectedSessionId ?? flow?.sessionId,
    reconnect: given.reconnect ?? flow?.reconnect,
  };
}

/**
 * Decides already-extracted parameters (a redirect, a relay or a `postMessage`) against what
 * the flow expects. Never a success that is not bound to the flow (docs/security.md).
 */
export function decideCallback(
  adapter: AnyProviderAdapter,
  params: CallbackParams,
  expectation: CallbackExpectation,
): Decision {
  if (!stateMatches(adapter, params.state, expectation.expectedState)) {
    return ownError('invalid_state');
  }
  const decision = adapter.parse(params, expectation);
  if (decision.screen !== 'success' || successIsBound(adapter, decision, expectation)) {
    return decision;
  }
  return ownError('unsolicited_callback');
}

function safeQueryOf(input: string | URL | URLSearchParams): string {
  try {
    return queryOf(input);
  } catch {
    return '';
  }
}

/**
 * Turns what came back from a provider into one outcome. Never throws; never answers `success`
 * without the identifiers it needs, nor for a callback that no flow of this browser (or of the
 * app's word, `expectedState` / `expectedSessionId`) expects.
 */
export function parseCallback(
  input: string | URL | URLSearchParams,
  options: ParseCallbackOptions,
): ConnectOutcome {
  const query = safeQueryOf(input);
  const parts = splitQuery(query);
  const { provider } = options;
  const adapter = 'id' in provider ? provider : detectProvider(parts, provider);
  if (typeof adapter !== 'object') {
    const code = adapter ? 'ambiguous_params' : 'missing_params';
    return outcomeOf({ provider: 'unknown', appQuery: query }, ownError(code));
  }
  const { params, repeated, malformed, appQuery } = readProviderQuery(
    parts,
    new Set(adapter.params),
  );
  const source = { provider: adapter, params, appQuery };
  if (repeated) return outcomeOf(source, ownError('ambiguous_params'));
  if (malformed) return outcomeOf(source, ownError('malformed_params'));
  return outcomeOf(source, decideCallback(adapter, params, options));
}
