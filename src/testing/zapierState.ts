import { appendCallbackParams } from '../core/model/callbackUrl';
import type { Outcome } from './page';

export interface Failure {
  error: string;
  description?: string;
}

/** Success, and every error and description in Zapier's error-handling table, plus an unknown error. */
export const failures: Record<string, Failure> = {
  access_denied: { error: 'access_denied' },
  user_not_found: { error: 'access_denied', description: 'User not found' },
  invalid_request: { error: 'invalid_request', description: 'Invalid token' },
  token_expired: { error: 'invalid_request', description: 'Token expired' },
  invalid_app: { error: 'invalid_request', description: 'Invalid app' },
  server_error: { error: 'server_error', description: 'An unexpected error occurred' },
  session_failed: { error: 'server_error', description: 'Session initialization failed' },
  oauth_failed: { error: 'server_error', description: 'OAuth Failed: the user denied access' },
  temporarily_unavailable: { error: 'temporarily_unavailable' },
};

/** An error Zapier's table never lists: offered only with `undocumentedOutcomes`. */
const undocumentedErrors = new Set(['temporarily_unavailable']);

export const zapierOutcomes: readonly Outcome[] = [
  { value: 'success', label: 'Authorize (authenticationSuccess)' },
  ...Object.entries(failures).map(([value, f]): Outcome => {
    const outcome: Outcome = { value, label: `${f.description ?? 'Fail'} (${f.error})` };
    if (undocumentedErrors.has(value)) outcome.undocumented = true;
    return outcome;
  }),
];

export interface Token {
  app: string;
  /** The user's access token the connect token was exchanged for. */
  subject: string | undefined;
  expiresAt: number;
  used: boolean;
}

export interface Session {
  app: string;
  subject: string | undefined;
  /** `null` in popup mode: the result goes to the opener. */
  redirectUri: string | null;
  state: string | null;
  authId: number;
  done: boolean;
}

/** An Authentication as `GET /v2/authentications` lists it (Zapier API reference). */
interface Authentication {
  type: 'authentication';
  id: string;
  app: string;
  is_expired: boolean;
  title: string;
}

/** What the mock Zapier remembers: connect tokens, Connect UI sessions, and each user's authentications. */
export class ZapierState {
  readonly tokens = new Map<string, Token>();
  readonly sessions = new Map<string, Session>();
  /** The authentications of each user, keyed by the access token they exchanged. */
  readonly authentications = new Map<string, Authentication[]>();
  #nextAuthId = 100_001;

  /** The authentication a Connect UI session makes: the one reconnected, else a new id. */
  authIdFor(reconnectId: string | null): number {
    const reconnect = Number(reconnectId);
    return Number.isSafeInteger(reconnect) && reconnect > 0 ? reconnect : this.#nextAuthId++;
  }

  /** A success creates the authentication, or revives the one reconnected. */
  recordAuthentication(session: Session): void {
    if (session.subject === undefined) return;
    const list = this.authentications.get(session.subject) ?? [];
    const id = String(session.authId);
    const existing = list.find((item) => item.id === id);
    if (existing) existing.is_expired = false;
    else
      list.push({
        type: 'authentication',
        id,
        app: session.app,
        is_expired: false,
        title: `${session.app} (mock) #${id}`,
      });
    this.authentications.set(session.subject, list);
  }

  /** Finishes a session: records a success, then the URL the browser goes to in redirect mode. */
  finish(session: Session, outcome: string): string | undefined {
    session.done = true;
    const failure = failures[outcome];
    if (!failure) this.recordAuthentication(session);
    if (session.redirectUri === null) return undefined;
    return failure
      ? errorUrl(session.redirectUri, session.app, session.state, failure)
      : appendCallbackParams(session.redirectUri, {
          authentication_id: String(session.authId),
          service: session.app,
        });
  }
}

/** Zapier's error redirect: `error`, `error_description` when there is one, `service`, `state`. */
export function errorUrl(
  redirectUri: string,
  app: string,
  state: string | null,
  failure: Failure,
): string {
  const params: [string, string][] = [['error', failure.error]];
  if (failure.description) params.push(['error_description', failure.description]);
  params.push(['service', app]);
  if (state !== null) params.push(['state', state]);
  return appendCallbackParams(redirectUri, params);
}
