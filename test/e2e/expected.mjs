// What each mock outcome must show: [outcome button, screen (data-state), message].
// Quoted Emerge strings are Emerge's verbatim texts (https://docs.emergedata.ai/link/callbacks); the others come from the adapters'
// tables (each provider's own words: Zapier's access_denied is not Emerge's sentence).
export function expectedOutcomes({ sharedMessages, gigsMessages, emergeMessages, zapierMessages }) {
  const generic = 'Something went wrong. Please try again.';
  const denied = 'Permission was denied. We need access to provide this feature.';
  const messages = {
    ...sharedMessages,
    ...gigsMessages,
    invalid_scope: emergeMessages.invalid_scope,
  };
  const zapier = zapierMessages;
  return {
    gigs: [
      ['success', 'success', messages.success],
      ['auth_expired', 'retry', messages.auth_expired],
      ['bad_configuration', 'error', messages.bad_configuration],
      ['user_aborted', 'retry', messages.user_aborted],
      ['not_allowed', 'error', messages.bad_configuration],
      ['intent_fulfilled', 'error', generic],
    ],
    emerge: [
      ['success', 'success', messages.success],
      ['reauthorized', 'success', messages.reconnected],
      ['user_failed', 'retry', 'You cancelled the connection. Click below to try again.'],
      ['data_invalid', 'error', "Your account doesn't have enough data history yet."],
      ['access_denied', 'retry', denied],
      ['invalid_scope', 'error', messages.invalid_scope],
      [
        'admin_policy_enforced',
        'admin-approval',
        "Your organization's policy prevents this connection.",
      ],
      ['uid_conflict', 'error', generic],
      ['provider_unavailable', 'error', generic],
      ['failure', 'error', generic],
    ],
    zapier: [
      ['success', 'success', messages.success],
      ['access_denied', 'retry', zapier.access_denied],
      ['user_not_found', 'retry', zapier.access_denied],
      ['invalid_request', 'error', zapier.invalid_request],
      ['token_expired', 'error', zapier.invalid_request],
      ['invalid_app', 'error', zapier.invalid_request],
      ['server_error', 'error', zapier.server_error],
      ['session_failed', 'error', zapier.server_error],
      ['oauth_failed', 'error', zapier.server_error],
      ['temporarily_unavailable', 'error', generic],
    ],
  };
}
