import { part } from '../outcome';
import type { OutcomeParts, ProviderAdapter } from '../types';

/** What the app's backend returns after `POST /projects/{project}/connectSessions`. */
export interface GigsLaunch {
  /** The session `url`: it carries a secret token, so it is never stored or logged. */
  url: string;
  /** The session id (`csn_...`), to check that the callback belongs to this session. */
  id?: string;
}

const statuses: Record<string, OutcomeParts> = {
  success: part('success', undefined, 'continue'),
  auth_expired: part('retry', 'auth_expired'),
  bad_configuration: part('error', 'bad_configuration', 'contact-support'),
  // `not_allowed` is the older name of `bad_configuration` in earlier versions of the docs.
  not_allowed: part('error', 'not_allowed', 'contact-support', 'bad_configuration'),
  user_aborted: part('retry', 'user_aborted', 'go-back'),
};

/** Gigs Connect sessions: redirect to `callbackUrl` + `session_id`, `status`. */
export const gigs: ProviderAdapter<GigsLaunch> = {
  id: 'gigs',
  params: ['session_id', 'status'],
  markers: ['session_id'],
  parse({ session_id: sessionId, status }, { expectedSessionId }) {
    if (!sessionId || !status) return part('error', 'missing_params');
    if (expectedSessionId && sessionId !== expectedSessionId) {
      return part('error', 'session_mismatch');
    }
    const parts = Object.hasOwn(statuses, status) ? statuses[status] : undefined;
    return { ...(parts ?? part('error', 'unknown_status')), sessionId };
  },
  launchUrl: (launch) => launch.url,
  sessionId: (launch) => launch.id,
};
