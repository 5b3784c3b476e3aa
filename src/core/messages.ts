/**
 * User-facing text for every outcome, in English. Quoted strings come verbatim from the
 * providers' documents (Emerge callbacks page); the rest is ours. Replace any of them
 * through the `messages` prop of the screens.
 */
export const outcomeMessages = {
  success: 'You are connected.',
  reconnected: 'You are reconnected.',
  generic: 'Something went wrong. Please try again.',
  // Gigs Connect sessions (the seed documents behaviour, not text).
  auth_expired: 'Your session expired. Please start again.',
  bad_configuration: "This action isn't available right now. Please contact support.",
  user_aborted: 'You left before finishing. You can go back or try again.',
  // Emerge consent (verbatim where the seed's TypeScript example gives a string).
  user_failed: 'You cancelled the connection. Click below to try again.',
  data_invalid: "Your account doesn't have enough data history yet.",
  access_denied: 'Permission was denied. We need access to provide this feature.',
  invalid_scope: 'The permissions this connection needs are not available. Please contact support.',
  admin_policy_enforced: "Your organization's policy prevents this connection.",
  // Zapier Connect UI.
  invalid_request: 'The connection link was invalid or has expired. Please try again.',
  server_error: 'The connection service had a problem. Please try again.',
  // Ours.
  invalid_state: 'We could not verify this connection. Please start again.',
  session_mismatch: 'This connection belongs to another session. Please start again.',
  popup_blocked: 'Your browser blocked the connection window. Allow pop-ups and try again.',
  cancelled: 'The connection window was closed before finishing.',
  launch_failed: 'We could not start the connection. Please try again.',
  timeout: 'The connection took too long. Please try again.',
} as const;

export type OutcomeMessageKey = keyof typeof outcomeMessages;
