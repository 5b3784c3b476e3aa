import { noParams } from './decision';
import { sharedMessages } from './sharedMessages';
import type {
  AdminApprovalOutcome,
  AnyProviderAdapter,
  CallbackParams,
  ConnectOutcome,
  Decision,
  ErrorOutcome,
  FailureDecision,
  FailureOutcome,
  RetryOutcome,
  SuccessDecision,
  SuccessOutcome,
} from './types';

/** Where an outcome came from, besides the adapter's decision. */
export interface OutcomeSource {
  /** The adapter, for its messages; or just a provider id (a flow failure, an unknown provider). */
  provider: AnyProviderAdapter | string;
  params?: CallbackParams | undefined;
  appQuery?: string | undefined;
}

/** The text for a key: the provider's own, else the shared one, else the generic one. */
export function messageFor(provider: AnyProviderAdapter | string, key: string): string {
  const own = typeof provider === 'object' ? provider.messages : undefined;
  if (own && Object.hasOwn(own, key)) return own[key] as string;
  if (Object.hasOwn(sharedMessages, key)) return sharedMessages[key as keyof typeof sharedMessages];
  return sharedMessages.generic;
}

function commonFields(source: OutcomeSource, messageKey: string) {
  const { provider, params = noParams, appQuery = '' } = source;
  return {
    provider: typeof provider === 'object' ? provider.id : provider,
    status: params.status,
    message: messageFor(provider, messageKey),
    messageKey,
    params,
    appQuery,
  };
}

// The outcomes are put together with `Object.assign` onto the decision's own copy, not as
// `{ ...a, ...b, key }`: Node 20's V8 takes its slow path for keys after a spread (about 14 µs
// an outcome, then the largest cost of a callback on the server).

export function successOutcome(source: OutcomeSource, decision: SuccessDecision): SuccessOutcome {
  const { screen, reconnected = false, ...ids } = decision;
  const messageKey = reconnected ? 'reconnected' : 'success';
  const common = commonFields(source, messageKey);
  return Object.assign(ids, common, {
    screen,
    code: undefined,
    action: 'continue' as const,
    reconnected,
  });
}

function failureOutcome<S extends FailureOutcome['screen']>(
  source: OutcomeSource,
  decision: FailureDecision,
  screen: S,
) {
  const { screen: _screen, messageKey = decision.code, ...rest } = decision;
  return Object.assign(rest, commonFields(source, messageKey), {
    reconnected: false as const,
    screen,
  });
}

export function retryOutcome(source: OutcomeSource, decision: FailureDecision): RetryOutcome {
  return failureOutcome(source, decision, 'retry');
}

export function adminApprovalOutcome(
  source: OutcomeSource,
  decision: FailureDecision,
): AdminApprovalOutcome {
  return failureOutcome(source, decision, 'admin-approval');
}

export function errorOutcome(source: OutcomeSource, decision: FailureDecision): ErrorOutcome {
  return failureOutcome(source, decision, 'error');
}

/** The outcome of an adapter's decision: its screen's constructor adds the text and raw values. */
export function outcomeOf(source: OutcomeSource, decision: Decision): ConnectOutcome {
  switch (decision.screen) {
    case 'success':
      return successOutcome(source, decision);
    case 'retry':
      return retryOutcome(source, decision);
    case 'admin-approval':
      return adminApprovalOutcome(source, decision);
    case 'error':
      return errorOutcome(source, decision);
    default:
      return decision satisfies never;
  }
}
