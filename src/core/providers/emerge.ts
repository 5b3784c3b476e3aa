import type { OutcomeParts, ProviderAdapter } from '../types';

/** What the app's backend returns: the consent link it signed with the `state` it was given. */
export interface EmergeLaunch {
  /** `https://link.emergedata.ai/link/start?...&state=...&signature=...` */
  url: string;
}

const failures: Record<string, OutcomeParts> = {
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
    key: 'generic',
    action: 'contact-support',
    hint: 'Another user is already linked with this uid: use a unique uid per user.',
  },
};

/** Emerge consent link: redirect to `redirect_uri` + `status`, `state`, `uid`, `error_code`. */
export const emerge: ProviderAdapter<EmergeLaunch> = {
  id: 'emerge',
  params: ['status', 'state', 'uid', 'error_code'],
  markers: ['uid', 'error_code'],
  echoesState: true,
  parse({ status, uid, error_code: errorCode }) {
    if (!uid || !status) return { screen: 'error', code: 'missing_params', action: 'retry' };
    if (status === 'success' || status === 'reauthorized') {
      if (errorCode) return { screen: 'error', code: 'conflicting_params', action: 'retry' };
      return { screen: 'success', action: 'continue', uid, reconnected: status === 'reauthorized' };
    }
    if (status !== 'failure') return { screen: 'error', code: 'unknown_status', action: 'retry' };
    const parts = errorCode && Object.hasOwn(failures, errorCode) ? failures[errorCode] : undefined;
    return parts ?? { screen: 'error', code: 'unknown_code', key: 'generic', action: 'retry' };
  },
  launchUrl: (launch) => launch.url,
};
