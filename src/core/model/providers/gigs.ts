import { ownError } from '../decision';
import { sameText } from '../../shared/sameText';
import type { FailureDecision, GigsCode, ProviderAdapter } from '../types';

/** What the app's backend returns after `POST /projects/{project}/connectSessions`. */
export interface GigsLaunch {
  /** The session `url`: it carries a secret token, so it is never stored or logged. */
  url: string;
  /** The session id (`csn_...`). Defaults to the `session` parameter of `url`. */
  id?: string | undefined;
}

/** Text for the documented statuses. Gigs documents behaviour, not words: these are ours. */
export const gigsMessages = {
  auth_expired: 'Your session expired. Please start again.',
  bad_configuration: "This action isn't available right now. Please contact support.",
  user_aborted: 'You left before finishing. You can go back or try again.',
} as const satisfies Record<Exclude<GigsCode, 'not_allowed'>, string>;

/**
 * Every documented failure status, and the legacy name `not_allowed`
 * (https://developers.gigs.com/docs/connect/connect-sessions/link-back).
 */
const failures: Readonly<Record<string, FailureDecision>> = {
  auth_expired: { screen: 'retry', code: 'auth_expired', action: 'retry' },
  bad_configuration: { screen: 'error', code: 'bad_configuration', action: 'contact-support' },
  // `not_allowed` is the older name of `bad_configuration` in earlier versions of the docs.
  not_allowed: {
    screen: 'error',
    code: 'not_allowed',
    action: 'contact-support',
    messageKey: 'bad_configuration',
  },
  user_aborted: { screen: 'retry', code: 'user_aborted', action: 'go-back' },
};

/** The session id of a launch: its `id`, else the `session` parameter of its URL. */
function launchedSessionId(launch: GigsLaunch): string | undefined {
  if (launch.id) return launch.id;
  try {
    return new URL(launch.url).searchParams.get('session') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gigs Connect sessions: redirect to `callbackUrl` + `session_id`, `status`
 * (https://developers.gigs.com/docs/connect/connect-sessions/link-back).
 */
export const gigs: ProviderAdapter<GigsLaunch, { sessionId: string }> = {
  id: 'gigs',
  params: ['session_id', 'status'],
  signatures: [['session_id', 'status']],
  binding: 'session',
  messages: gigsMessages,
  parse({ session_id: sessionId, status }, { expectedSessionId }) {
    if (!sessionId || !status) return ownError('missing_params');
    if (expectedSessionId && !sameText(sessionId, expectedSessionId)) {
      return ownError('session_mismatch');
    }
    if (status === 'success') return { screen: 'success', sessionId };
    const failure = Object.hasOwn(failures, status) ? failures[status] : undefined;
    return { ...(failure ?? ownError('unknown_status')), sessionId };
  },
  returns: 'relay',
  launchUrl: (launch) => launch.url,
  sessionId: launchedSessionId,
};
