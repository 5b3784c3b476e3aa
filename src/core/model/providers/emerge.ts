import { ownError } from '../decision';
import type { EmergeCode, FailureDecision, ProviderAdapter } from '../types';

/** What the app's backend returns: the consent link it signed with the `state` it was given. */
export interface EmergeLaunch {
  /** `https://link.emergedata.ai/link/start?...&state=...&signature=...` */
  url: string;
}

/**
 * Verbatim from the TypeScript example of Emerge's callback page (https://docs.emergedata.ai/link/callbacks), where
 * it gives a string; `invalid_scope` has none there, so the text is ours. `uid_conflict` shows the
 * generic text, as that example does.
 */
export const emergeMessages = {
  user_failed: 'You cancelled the connection. Click below to try again.',
  data_invalid: "Your account doesn't have enough data history yet.",
  access_denied: 'Permission was denied. We need access to provide this feature.',
  invalid_scope: 'The permissions this connection needs are not available. Please contact support.',
  admin_policy_enforced: "Your organization's policy prevents this connection.",
} as const satisfies Record<Exclude<EmergeCode, 'uid_conflict'>, string>;

/** Every documented `error_code` of a `failure` (https://docs.emergedata.ai/link/callbacks). */
const failures: Readonly<Record<string, FailureDecision>> = {
  user_failed: { screen: 'retry', code: 'user_failed', action: 'retry' },
  data_invalid: { screen: 'error', code: 'data_invalid', action: 'try-later' },
  access_denied: { screen: 'retry', code: 'access_denied', action: 'retry' },
  invalid_scope: { screen: 'error', code: 'invalid_scope', action: 'contact-support' },
  admin_policy_enforced: {
    screen: 'admin-approval',
    code: 'admin_policy_enforced',
    action: 'request-approval',
  },
  uid_conflict: {
    screen: 'error',
    code: 'uid_conflict',
    action: 'contact-support',
    messageKey: 'generic',
    hint: 'Another user is already linked with this uid: use a unique uid per user.',
  },
};

/** Emerge consent link: redirect to `redirect_uri` + `status`, `state`, `uid`, `error_code`. */
export const emerge: ProviderAdapter<EmergeLaunch, { uid: string }> = {
  id: 'emerge',
  params: ['status', 'state', 'uid', 'error_code'],
  // Always sent, though older versions sent `uid` empty: a name counts even with no value.
  signatures: [['status', 'state', 'uid']],
  binding: 'state',
  // The consent flow moves on to Google's pages, which send COOP: the handle then reads closed
  // long after the Emerge page showed, exactly like a user closing it. Only the relay, the time
  // limit or `close()` end an Emerge popup (Nango hit the same with Shopify's COOP:
  // https://github.com/NangoHQ/nango/pull/1528).
  closeDetection: false,
  messages: emergeMessages,
  parse({ status, uid, error_code: errorCode }) {
    if (!status) return ownError('missing_params');
    if (status === 'success' || status === 'reauthorized') {
      if (!uid) return ownError('missing_params');
      if (errorCode) return ownError('conflicting_params');
      return { screen: 'success', uid, reconnected: status === 'reauthorized' };
    }
    if (status !== 'failure') return ownError('unknown_status');
    const failure =
      errorCode && Object.hasOwn(failures, errorCode) ? failures[errorCode] : undefined;
    return failure ?? ownError('unknown_code');
  },
  returns: 'relay',
  launchUrl: (launch) => launch.url,
};
