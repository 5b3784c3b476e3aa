import type { emergeMessages } from '../core/model/providers/emerge';
import type { gigsMessages } from '../core/model/providers/gigs';
import type { zapierMessages } from '../core/model/providers/zapier';
import type { SharedMessageKey } from '../core/model/sharedMessages';
import type { ConnectOutcome } from '../core/model/types';

/**
 * The callback screens' own words (headings, buttons, notes). The outcome's text comes with the
 * outcome (`outcome.message`), from its provider's adapter or the shared table.
 */
export const callbackScreenText = {
  heading_success: 'Connected',
  heading_reconnected: 'Reconnected',
  heading_retry: 'Not connected yet',
  'heading_admin-approval': 'Approval needed',
  heading_error: 'Connection failed',
  detail_data_invalid: 'Connecting needs some account history. Please try again later.',
  'detail_admin-approval': 'Ask your administrator to approve this connection, then try again.',
  pending: 'Finishing your connection…',
  continue: 'Continue',
  retry: 'Try again',
  back: 'Go back',
  support: 'Contact support',
  email: 'Email your administrator',
  requestSubject: 'Connection approval',
  requestBody: 'Please approve this connection for our organization so I can finish connecting.',
  close: 'You can close this window.',
};

export type CallbackScreenTextKey = keyof typeof callbackScreenText;

type GigsKey = keyof typeof gigsMessages;
type EmergeKey = keyof typeof emergeMessages;
type ZapierKey = keyof typeof zapierMessages;

/**
 * A provider's message key, alone (every provider that has it) or as `{provider}.{key}` (that
 * one only). Codes shown with another key (`uid_conflict`: generic, `not_allowed`:
 * `bad_configuration`) are reworded through that key.
 */
type ProviderMessageKey =
  | GigsKey
  | EmergeKey
  | ZapierKey
  | `gigs.${GigsKey}`
  | `emerge.${EmergeKey}`
  | `zapier.${ZapierKey}`;

/** Every key the `messages` prop takes: a misspelled one is a type error. */
export type CallbackMessageKey = CallbackScreenTextKey | SharedMessageKey | ProviderMessageKey;

/** A translation table for the callback screens; pass any part of it as `messages`. */
export type CallbackMessages = Record<CallbackMessageKey, string>;

/** An own key's value only: a code may be any string, `toString` or `__proto__` included. */
function own(table: Partial<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The words a callback screen shows, the app's `messages` over the defaults. */
export function callbackWords(outcome: ConnectOutcome, messages: Partial<CallbackMessages> = {}) {
  const words = { ...callbackScreenText, ...messages };
  const { provider, messageKey, screen } = outcome;
  const headingKey = outcome.reconnected ? 'heading_reconnected' : `heading_${screen}`;
  return {
    words,
    heading: own(words, headingKey) ?? callbackScreenText.heading_error,
    message:
      own(messages, `${provider}.${messageKey}`) ?? own(messages, messageKey) ?? outcome.message,
    detail: own(words, `detail_${messageKey}`) ?? own(words, `detail_${screen}`),
  };
}
