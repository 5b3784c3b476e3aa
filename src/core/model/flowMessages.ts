/**
 * The texts of the flow's own failures (`useConnect`), part of `sharedMessages`. Apart so that
 * the flow's start, which loads before the rest of the flow, can name a failed load with no
 * other text.
 */
export const flowMessages = {
  popup_blocked: 'Your browser blocked the connection window. Allow pop-ups and try again.',
  cancelled: 'The connection window was closed before finishing.',
  launch_failed: 'We could not start the connection. Please try again.',
  timeout: 'The connection took too long. Please try again.',
} as const;
