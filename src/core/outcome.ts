import { outcomeMessages } from './messages';
import type { Action, CallbackParams, ConnectOutcome, OutcomeParts, Screen } from './types';

/** Shorthand for an adapter's table rows: screen, code, action (default `retry`), message key. */
export const part = (
  screen: Screen,
  code?: string,
  action: Action = 'retry',
  key?: string,
): OutcomeParts => (key ? { screen, code, action, key } : { screen, code, action });

/** Builds the outcome value from an adapter's decision: adds the message and raw values. */
export function createOutcome(
  provider: string,
  parts: OutcomeParts,
  params: CallbackParams = Object.create(null),
  appQuery = '',
): ConnectOutcome {
  const { key, code, reconnected = false, ...rest } = parts;
  // The key stays specific (an app may word its own codes); the text falls back to generic.
  const messageKey = key ?? code ?? (reconnected ? 'reconnected' : 'success');
  return {
    ...rest,
    provider,
    status: params.status,
    code,
    message: Object.hasOwn(outcomeMessages, messageKey)
      ? outcomeMessages[messageKey as keyof typeof outcomeMessages]
      : outcomeMessages.generic,
    messageKey,
    reconnected,
    params,
    appQuery,
  } as ConnectOutcome;
}

/** An error outcome with one of this package's own codes (`popup_blocked`, `timeout`, ...). */
export const failure = (provider: string, code: string, screen: 'retry' | 'error' = 'error') =>
  createOutcome(provider, part(screen, code));
