import { part } from '../outcome';
import type { OutcomeParts, ProviderAdapter } from '../types';

/** What the app's backend returns: the consent link it signed with the `state` it was given. */
export interface EmergeLaunch {
  /** `https://link.emergedata.ai/link/start?...&state=...&signature=...` */
  url: string;
}

const failures: Record<string, OutcomeParts> = {
  user_failed: part('retry', 'user_failed'),
  data_invalid: part('error', 'data_invalid', 'try-later'),
  access_denied: part('retry', 'access_denied'),
  invalid_scope: part('error', 'invalid_scope', 'contact-support'),
  admin_policy_enforced: part('admin-approval', 'admin_policy_enforced', 'request-approval'),
  uid_conflict: {
    ...part('error', 'uid_conflict', 'contact-support', 'generic'),
    hint: 'Another user is already linked with this uid: use a unique uid per user.',
  },
};

/** Emerge consent link: redirect to `redirect_uri` + `status`, `state`, `uid`, `error_code`. */
export const emerge: ProviderAdapter<EmergeLaunch> = {
  id: 'emerge',
  params: ['status', 'state', 'uid', 'error_code'],
  markers: ['uid', 'error_code'],
  echoesState: true,
  // The consent flow moves on to Google's pages, which send COOP: the handle then reads closed
  // long after the Emerge page showed, exactly like a user closing it. Only the relay, the time
  // limit or `close()` end an Emerge popup (PROVIDERS.md (b); ANCHORS.md, Nango #1528).
  closeDetection: false,
  parse({ status, uid, error_code: errorCode }) {
    if (!uid || !status) return part('error', 'missing_params');
    if (status === 'success' || status === 'reauthorized') {
      if (errorCode) return part('error', 'conflicting_params');
      return { screen: 'success', action: 'continue', uid, reconnected: status === 'reauthorized' };
    }
    if (status !== 'failure') return part('error', 'unknown_status');
    const parts = errorCode && Object.hasOwn(failures, errorCode) ? failures[errorCode] : undefined;
    return parts ?? part('error', 'unknown_code');
  },
  launchUrl: (launch) => launch.url,
};
