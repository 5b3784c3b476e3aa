import type { OutcomeParts, ProviderAdapter } from '../types';

/** What the app's backend returns after `POST /projects/{project}/connectSessions`. */
export interface GigsLaunch {
  /** The session `url`: it carries a secret token, so it is never stored or logged. */
  url: string;
  /** The session id (`csn_...`), to check that the callback belongs to this session. */
  id?: string;
}

const statuses: Record<string, OutcomeParts> = {
  success: { screen: 'success', action: 'continue' },
  auth_expired: { screen: 'retry', code: 'auth_expired', action: 'retry' },
  bad_configuration: { screen: 'error', code: 'bad_configuration', action: 'contact-support' },
  // `not_allowed` is the older name of `bad_configuration` in earlier versions of the docs.
  not_allowed: {
    screen: 'error',
    code: 'not_allowed',
    key: 'bad_configuration',
    action: 'contact-support',
  },
  user_aborted: { screen: 'retry', code: 'user_aborted', action: 'go-back' },
};

/** Gigs Connect sessions: redirect to `callbackUrl` + `session_id`, `status`. */
export const gigs: ProviderAdapter<GigsLaunch> = {
  id: 'gigs',
  params: ['session_id', 'status'],
  markers: ['session_id'],
  parse({ session_id: sessionId, status }, { expectedSessionId }) {
    if (!sessionId || !status) return { screen: 'error', code: 'missing_params', action: 'retry' };
    if (expectedSessionId && sessionId !== expectedSessionId) {
      return { screen: 'error', code: 'session_mismatch', action: 'retry' };
    }
    const parts = Object.hasOwn(statuses, status) ? statuses[status] : undefined;
    return { ...(parts ?? { screen: 'error', code: 'unknown_status', action: 'retry' }), sessionId };
  },
  launchUrl: (launch) => launch.url,
  sessionId: (launch) => launch.id,
};
