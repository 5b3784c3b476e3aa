import { outcomeMessages } from './messages';
import type { CallbackParams, ConnectOutcome, OutcomeParts } from './types';

/** Builds the outcome value from an adapter's decision: adds the message and raw values. */
export function createOutcome(
  provider: string,
  parts: OutcomeParts,
  params: CallbackParams = Object.create(null),
  appQuery = '',
): ConnectOutcome {
  const { key, code, reconnected = false, ...rest } = parts;
  const wanted = key ?? code ?? (reconnected ? 'reconnected' : 'success');
  const messageKey = Object.hasOwn(outcomeMessages, wanted) ? wanted : 'generic';
  return {
    ...rest,
    provider,
    status: params.status,
    code,
    message: outcomeMessages[messageKey as keyof typeof outcomeMessages],
    messageKey,
    reconnected,
    params,
    appQuery,
  } as ConnectOutcome;
}

/** An error outcome with one of this package's own codes (`popup_blocked`, `timeout`, ...). */
export const failure = (provider: string, code: string, screen: 'retry' | 'error' = 'error') =>
  createOutcome(provider, { screen, code, action: 'retry' });
