import { flowMessages } from './flowMessages';

/**
 * The text every provider shares, in English: a success, the generic failure, and this
 * package's own codes. A provider's own codes have their text in its adapter, beside it.
 * Apps reword any of them through the screens' `messages` prop.
 */
export const sharedMessages = {
  success: 'You are connected.',
  reconnected: 'You are reconnected.',
  // Emerge's documented default (https://docs.emergedata.ai/link/callbacks), ours for the rest.
  generic: 'Something went wrong. Please try again.',
  invalid_state: 'We could not verify this connection. Please start again.',
  session_mismatch: 'This connection belongs to another session. Please start again.',
  unsolicited_callback:
    'We could not match this connection to one you started here. Please start again from the app.',
  ...flowMessages,
  not_recorded: 'We could not save this connection. Please try again.',
  not_verified: 'We could not confirm this connection with the provider. Please start again.',
  provider_timeout: 'The provider took too long to answer. Please try again.',
  unauthenticated: 'Please sign in, then start the connection again.',
  server_unavailable: 'We could not finish the connection right now. Please try again shortly.',
} as const;

export type SharedMessageKey = keyof typeof sharedMessages;
