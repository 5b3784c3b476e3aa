/**
 * The text every provider shares, in English: a success, the generic failure, and this
 * package's own codes. A provider's own codes have their text in its adapter, beside it.
 * Apps reword any of them through the screens' `messages` prop.
 */
export const sharedMessages = {
  success: 'You are connected.',
  reconnected: 'You are reconnected.',
  // Emerge's documented default (https://docs.emergedata.ai/link/callbacks), and ours for
  // anything unknown.
  generic: 'Something went wrong. Please try again.',
  invalid_state: 'We could not verify this connection. Please start again.',
  session_mismatch: 'This connection belongs to another session. Please start again.',
  unsolicited_callback:
    'We could not match this connection to one you started here. Please start again from the app.',
  popup_blocked: 'Your browser blocked the connection window. Allow pop-ups and try again.',
  cancelled: 'The connection window was closed before finishing.',
  launch_failed: 'We could not start the connection. Please try again.',
  timeout: 'The connection took too long. Please try again.',
  not_recorded: 'We could not save this connection. Please try again.',
} as const;

export type SharedMessageKey = keyof typeof sharedMessages;
