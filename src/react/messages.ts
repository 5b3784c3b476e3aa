import { outcomeMessages } from '../core/messages';

/**
 * Every string the callback screens show, by key: the outcome messages of the core plus the
 * screens' own words. Pass a partial table as `messages` to translate or reword any of them.
 * Lookups by pattern: `heading_{screen}` (and `heading_reconnected`), `detail_{messageKey}`
 * then `detail_{screen}` for the optional line under the message.
 */
export const callbackMessages = {
  ...outcomeMessages,
  heading_success: 'Connected',
  heading_reconnected: 'Reconnected',
  heading_retry: 'Not connected yet',
  'heading_admin-approval': 'Approval needed',
  heading_error: 'Connection failed',
  detail_data_invalid: 'Connecting needs some account history. Please try again later.',
  'detail_admin-approval': 'Ask your administrator to approve this connection, then try again.',
  continue: 'Continue',
  retry: 'Try again',
  back: 'Go back',
  support: 'Contact support',
  email: 'Email your administrator',
  requestSubject: 'Connection approval',
  requestBody: 'Please approve this connection for our organization so I can finish connecting.',
  close: 'You can close this window.',
};

export type CallbackMessageKey = keyof typeof callbackMessages;

/** The full table the screens read: the known keys, and any key an app adds for its own codes. */
export type CallbackMessages = Record<CallbackMessageKey, string> & Record<string, string>;
