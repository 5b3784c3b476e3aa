import type { EmergeWebhook } from './providers/emergeWebhook';
import type { DedupeStore } from './stores/dedupeStore';
import type { GigsAppearance, GigsUserDetails } from './providers/gigsSession';
import type { GigsIntent } from './providers/gigsIntent';
import type { FetchFunction } from './providers/providerFetch';
import type { CookieSecret } from './cookies/signedCookie';
import type { ErrorHandler } from './failures';
import type { ConnectEvents } from './events/connectEvents';

export type ServerProvider = 'gigs' | 'emerge' | 'zapier';

/** What the browser asked for when it launched: the app's own extra values, as strings. */
export interface LaunchRequest {
  request: Request;
  user: string;
  /** `launchParams` from `useConnect`, e.g. the Zapier app to connect. Untrusted input. */
  params: Readonly<Record<string, string>>;
}

/** A connection the server verified: call your database here, not in the browser. */
export interface ConnectedEvent {
  provider: ServerProvider;
  user: string;
  /** Gigs: the completed Connect session. */
  sessionId?: string;
  /** Emerge: the user id to store server-side and poll export status with. */
  uid?: string;
  /** Zapier: the connection id, always a string. */
  authenticationId?: string;
  service?: string;
  reconnected: boolean;
}

export interface GigsServerConfig {
  apiToken: string;
  project: string;
  /** The session's intent: fixed, or chosen per launch. */
  intent: GigsIntent | ((launch: LaunchRequest) => GigsIntent | Promise<GigsIntent>);
  /** The Gigs user (`usr_...`) of your user, when you have one. Defaults to none. */
  gigsUser?: ((user: string) => string | undefined | Promise<string | undefined>) | undefined;
  /** Details of a user Gigs does not know yet. Defaults to none. */
  userDetails?: ((user: string) => GigsUserDetails | Promise<GigsUserDetails>) | undefined;
  appearance?: GigsAppearance | undefined;
  /** Defaults to `https://api.gigs.com`. */
  baseUrl?: string | undefined;
  fetch?: FetchFunction | undefined;
}

export interface EmergeServerConfig {
  clientId: string;
  signingSecret: string;
  /** For export status (`GET /export/status/{uid}`). */
  apiToken: string;
  /** For `POST {basePath}/webhook/emerge`. Defaults to none: the route answers 404. */
  webhookSecret?: string | undefined;
  flowConfig?: string | undefined;
  /**
   * The `uid` to sign into the link; the callback's uid must then be this one. Defaults to
   * none: Emerge makes a pairwise uid, which the handler confirms with Emerge's consent status
   * (`GET /consent/status/{uid}`: your client, a consent given since the flow began).
   */
  uid?: ((user: string) => string | undefined | Promise<string | undefined>) | undefined;
  /** The consent link host. Defaults to `https://link.emergedata.ai`. */
  linkBaseUrl?: string | undefined;
  /** The API host. Defaults to `https://link.emergedata.ai`. */
  apiBaseUrl?: string | undefined;
  /**
   * `GET {basePath}/consent-status` calls an active consent `expiring` when it ends within
   * this many days. Defaults to 7.
   */
  consentExpiringDays?: number | undefined;
  fetch?: FetchFunction | undefined;
}

export interface ZapierServerConfig {
  clientId: string;
  clientSecret: string;
  /** Your user's Zapier access token, exchanged for a connect token on every launch. */
  subjectToken: (user: string) => string | Promise<string>;
  /** The apps a launch may ask for (`launchParams.app`); the first is the default. */
  apps: readonly [string, ...string[]];
  theme?: string | undefined;
  /** Defaults to `https://zapier.com`. */
  baseUrl?: string | undefined;
  /** Defaults to `https://connect.zapier.com`. */
  connectBaseUrl?: string | undefined;
  /**
   * The API that lists the user's authentications (`GET /v2/authentications`), which confirms
   * each connection before `onConnected`. Defaults to `https://api.zapier.com`.
   */
  apiBaseUrl?: string | undefined;
  fetch?: FetchFunction | undefined;
}

export interface ConnectHandlerConfig {
  /** Where the handler is mounted, e.g. `/api/connect`. */
  basePath: string;
  /**
   * Signs the flow and result cookies: 32 characters or more; a list rotates (first signs).
   * `undefined` at creation (an environment variable not set during `next build`) is checked
   * on the first request instead, which then fails with a message that names it.
   */
  secret: CookieSecret | undefined;
  /** Your own authentication: the signed-in user's id, or `undefined` (answers 401). */
  getUser: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Called on the server once per verified connection. */
  onConnected: (event: ConnectedEvent) => void | Promise<void>;
  /**
   * The app's public origin (`https://app.example`): the providers' redirect target is built on
   * it. Defaults to the request's own origin; set it behind a proxy, or under `next start`,
   * which hands route handlers `http://localhost:<port>` whatever the browser used.
   */
  origin?: string | undefined;
  /** The app's callback page (a same-origin path). Defaults to `/connect/callback`. */
  callbackPage?: string | undefined;
  gigs?: GigsServerConfig | undefined;
  emerge?: EmergeServerConfig | undefined;
  zapier?: ZapierServerConfig | undefined;
  /** The Emerge uid you stored for a user in `onConnected`: export status needs it. */
  getEmergeUid?: ((user: string) => string | undefined | Promise<string | undefined>) | undefined;
  /**
   * Carries the Emerge webhooks' `export` and `consent` events to the user's open streams
   * (`GET {basePath}/events`). Defaults to `memoryEvents()`: the streams of this instance only;
   * with several instances or processes, share one: `redisEvents({ publisher, subscriber })`.
   */
  events?: ConnectEvents | undefined;
  /** A verified, first-time Emerge webhook delivery. */
  onWebhook?: ((webhook: EmergeWebhook) => void | Promise<void>) | undefined;
  /**
   * Holds webhook deliveries: claimed while `onWebhook` runs, then done for a day. Defaults to
   * memory (this instance only); share one across instances: `redisStore(client)`.
   */
  webhookStore?: DedupeStore | undefined;
  /**
   * Seconds a webhook delivery is held while `onWebhook` runs: a retry meanwhile gets a 503, and
   * after a crash the next retry past it is handled. Keep it a little above the longest
   * `onWebhook` run. Defaults to 60.
   */
  webhookLease?: number | undefined;
  /**
   * Remembers the flows whose callback came, so each is used once even when a callback is
   * doubled or replayed. Defaults to memory (this instance); share one across instances:
   * `redisStore(client)`.
   */
  flowStore?: DedupeStore | undefined;
  /** Seconds a flow cookie lives. Defaults to 900 (15 minutes). */
  flowLifetime?: number | undefined;
  /**
   * Called once per failure: a 5xx, a provider, store or configuration failure, an app callback
   * that threw, a 403 for an origin mismatch. Defaults to one `console.error` line per failure,
   * at most one a minute per code; no line holds a secret, token, uid, session URL or cookie.
   */
  onError?: ErrorHandler | undefined;
  /** Milliseconds a provider call may take before it is abandoned (a 504). Defaults to 10 000. */
  providerTimeout?: number | undefined;
}
