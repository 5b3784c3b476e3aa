import type { GigsIntent } from './gigsIntent';
import { isRecord } from '../http/json';
import { joinUrl, requestJson, type FetchOptions } from './providerFetch';
import { ProviderRequestError } from './providerError';

/** Who the session is for when there is no Gigs user yet (Gigs' example app's fields). */
export interface GigsUserDetails {
  email: string;
  fullName?: string | undefined;
  preferredLocale?: string | undefined;
  birthday?: string | undefined;
}

export interface GigsAppearance {
  /** Connect's colour theme. */
  theme?: 'light' | 'dark' | undefined;
}

export interface GigsSessionOptions extends FetchOptions {
  /** A Gigs API token. Server-only; required. */
  apiToken: string;
  /** The Gigs project id (Connect enabled). Required. */
  project: string;
  /** What the user does in Connect. Required. */
  intent: GigsIntent;
  /**
   * Where Connect sends the user back with `session_id` and `status` appended (its own query
   * is kept). Defaults to none: the user then stays in Connect.
   */
  callbackUrl?: string | null | undefined;
  /**
   * An existing Gigs user (`usr_...`): the session is authenticated and skips Connect's
   * login. Defaults to none (pass `userDetails`, or Connect asks for an email code).
   */
  user?: string | null | undefined;
  /** Details for a user Gigs does not know yet, instead of `user`. Defaults to none. */
  userDetails?: GigsUserDetails | undefined;
  /** Connect's look. Defaults to none (the project's setting). */
  appearance?: GigsAppearance | undefined;
  /** The Gigs API. Defaults to `https://api.gigs.com`. */
  baseUrl?: string | undefined;
}

/**
 * A created Connect Session: the whole response, with `id` and `url` checked and the other
 * documented fields kept only when they have the documented type.
 */
export interface GigsConnectSession {
  [field: string]: unknown;
  /** `connectSession`. */
  object?: string;
  /** `csn_...`: store it to match the callback's `session_id`. */
  id: string;
  /**
   * Where to send the user. It holds a secret token: "It should not be stored, logged or
   * exposed to anyone other than the user." Redirect to it and forget it.
   */
  url: string;
  callbackUrl?: string | null;
  /** The intent as Gigs echoes it; its `type` is checked, its payload is not. */
  intent?: { type: string; [field: string]: unknown };
  user?: string | null;
  appearance?: { theme?: string } | null;
}

function isStringOrNull(value: unknown): value is string | null {
  return typeof value === 'string' || value === null;
}

/** The session, or `undefined` when the answer lacks a `csn_` id or a url. */
export function readGigsSession(body: unknown): GigsConnectSession | undefined {
  if (!isRecord(body)) return undefined;
  const { id, url, object, callbackUrl, intent, user, appearance, ...rest } = body;
  if (typeof id !== 'string' || !id.startsWith('csn_')) return undefined;
  if (typeof url !== 'string' || !url) return undefined;
  // `id` and `url` before the spread, not after: in one literal, keys after a spread take
  // Node 20's V8 slow path (about 10 µs here).
  const session: GigsConnectSession = { id, url, ...rest };
  if (typeof object === 'string') session.object = object;
  if (isStringOrNull(callbackUrl)) session.callbackUrl = callbackUrl;
  if (isStringOrNull(user)) session.user = user;
  if (isRecord(intent) && typeof intent.type === 'string') {
    session.intent = { ...intent, type: intent.type };
  }
  if (appearance === null) session.appearance = null;
  if (isRecord(appearance)) {
    const { theme } = appearance;
    session.appearance = typeof theme === 'string' ? { theme } : {};
  }
  return session;
}

/** The JSON body: only the fields that were given. */
function sessionBody(options: GigsSessionOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { intent: options.intent };
  if (options.callbackUrl !== undefined) body.callbackUrl = options.callbackUrl;
  if (options.user !== undefined) body.user = options.user;
  if (options.userDetails !== undefined) body.userDetails = options.userDetails;
  if (options.appearance !== undefined) body.appearance = options.appearance;
  return body;
}

/**
 * Creates a Gigs Connect Session (`POST /projects/{project}/connectSessions`, a preview
 * endpoint). Create it on the user's click and use it at once: sessions have a limited
 * lifetime. Throws a {@link ProviderRequestError} (`provider: 'gigs'`) when the request fails,
 * Gigs answers with an error status, or the answer has no `csn_` id or `url`.
 */
export async function createGigsSession(options: GigsSessionOptions): Promise<GigsConnectSession> {
  if (!options.apiToken) throw new TypeError('apiToken must be a non-empty string');
  if (!options.project) throw new TypeError('project must be a non-empty string');
  const path = `/projects/${encodeURIComponent(options.project)}/connectSessions`;
  const init: RequestInit = {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.apiToken}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify(sessionBody(options)),
    redirect: 'manual',
  };
  if (options.signal) init.signal = options.signal;
  const url = joinUrl(options.baseUrl ?? 'https://api.gigs.com', path);
  const answer = await requestJson({ url, init }, options);
  if (!answer.ok) throw new ProviderRequestError('gigs', answer.failure);
  const session = readGigsSession(answer.body);
  if (!session)
    throw new ProviderRequestError('gigs', { kind: 'bad-response', status: answer.status });
  return session;
}
