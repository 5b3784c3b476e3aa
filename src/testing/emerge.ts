import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendCallbackParams } from '../core/model/callbackUrl';
import { mockSecrets, type MockConfig } from './mockConfig';
import { bearer, isAcceptableRedirect, readForm, redirect, sendJson } from './http';
import {
  autoRedirectOutcome,
  offeredOutcomes,
  outcomeForm,
  sendPage,
  wantsCoop,
  type Outcome,
} from './page';

/** Both statuses that succeed, every documented `error_code`, one unknown code and none. */
export const emergeOutcomes: readonly Outcome[] = [
  { value: 'success', label: 'Allow (success)' },
  { value: 'reauthorized', label: 'Allow again (reauthorized)' },
  { value: 'user_failed', label: 'Cancel (failure: user_failed)' },
  { value: 'data_invalid', label: 'Not enough data (failure: data_invalid)' },
  { value: 'access_denied', label: 'Deny permissions (failure: access_denied)' },
  { value: 'invalid_scope', label: 'Scopes unavailable (failure: invalid_scope)' },
  { value: 'admin_policy_enforced', label: 'Blocked by admin (failure: admin_policy_enforced)' },
  { value: 'uid_conflict', label: 'uid already linked (failure: uid_conflict)' },
  {
    value: 'provider_unavailable',
    label: 'Undocumented code (failure: provider_unavailable)',
    undocumented: true,
  },
  { value: 'failure', label: 'Failure without a code (failure)' },
];

/** Query parameters that steer the mock and are not part of the signed link. */
const controls = new Set(['signature', 'auto', 'autoDelay', 'autoRedirect', 'coop']);

/** The Google scopes a consent grants per source (the mock's choice: Emerge configures them). */
const scopes: Readonly<Record<string, readonly string[]>> = {
  google_data: ['https://www.googleapis.com/auth/dataportability.myactivity.search'],
  gmail: ['https://www.googleapis.com/auth/gmail.readonly'],
};

interface Session {
  redirectUri: string;
  state: string;
  uid: string;
  done: boolean;
}

/** A link's signed parameters, checked: its client, redirect, time, and state. */
interface Link {
  signature: string;
  clientId: string;
  redirectUri: string;
  state: string;
  timestamp: string;
  uid: string | undefined;
}

const sourceExport = (provider: string, at: number, now: number) => {
  const ready = now >= at;
  const time = ready ? new Date(at).toISOString() : null;
  return {
    provider,
    data_ready: ready,
    data_landed_at: time,
    export_status: ready ? 'completed' : 'running',
    export_completed_at: time,
  };
};

/**
 * Emerge Link: signed `/emerge/link/start`, the consent page, `/emerge/export/status/:uid` and
 * `/emerge/consent/status/:uid`.
 */
class EmergeLink {
  readonly #config: MockConfig;
  readonly #outcomes: readonly Outcome[];
  // Keyed by signature: "the same link parameters generate the same session".
  readonly #sessions = new Map<string, Session>();
  /** When each uid first consented: its export runs from then. */
  readonly #consentedAt = new Map<string, number>();
  /** When each uid's consent was last given or reauthorized (`GET /consent/status/{uid}`). */
  readonly #issuedAt = new Map<string, number>();

  constructor(config: MockConfig) {
    this.#config = config;
    this.#outcomes = offeredOutcomes(emergeOutcomes, config);
  }

  /** The link's parameters if its signature, client, redirect and time hold; else the error. */
  #readLink(query: URLSearchParams): Link | string {
    const params: Record<string, string> = {};
    for (const [key, value] of query) if (!controls.has(key)) params[key] = value;
    const signature = query.get('signature') ?? '';
    const { client_id: clientId, redirect_uri: redirectUri, state, timestamp, uid } = params;
    const signed = verifyEmergeSignature(params, signature, mockSecrets.emerge.signingSecret);
    const known = clientId === mockSecrets.emerge.clientId;
    if (!signed || !known || !redirectUri || !isAcceptableRedirect(redirectUri)) {
      return 'This link is invalid.';
    }
    const issued = Date.parse(timestamp ?? '');
    const now = this.#config.now();
    if (!(issued <= now + 60_000) || now - issued > this.#config.emergeLinkTtlMs) {
      return 'This link has expired.';
    }
    return {
      signature,
      clientId,
      redirectUri,
      state: state ?? '',
      timestamp: timestamp ?? '',
      uid,
    };
  }

  start(res: ServerResponse, query: URLSearchParams) {
    const link = this.#readLink(query);
    if (typeof link === 'string') return error(res, link);
    const { clientId, state, timestamp } = link;
    const pairwise = `psub_${createHash('sha256').update(`${clientId}:${state}:${timestamp}`).digest('hex').slice(0, 32)}`;
    const session = this.#sessions.get(link.signature) ?? {
      redirectUri: link.redirectUri,
      state,
      uid: link.uid || pairwise,
      done: false,
    };
    this.#sessions.set(link.signature, session);
    if (session.done) {
      // Documented: a completed link shows "already connected" and triggers no callback.
      return sendPage(res, {
        title: 'Emerge',
        body: '<p>You are already connected. <a href="https://wallet.emergedata.ai">Open your Data Wallet</a>.</p>',
      });
    }
    const auto = autoRedirectOutcome(query, this.#outcomes);
    if (auto) return this.#complete(res, session, auto.value, 302);
    sendPage(res, {
      title: 'Share your Google data',
      coop: wantsCoop(query, true),
      body: `<p class="note">Mock of link.emergedata.ai and Google's consent screen.</p>
${outcomeForm('/emerge/link/finish', { signature: link.signature }, this.#outcomes)}`,
    });
  }

  async submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = this.#sessions.get(form.get('signature') ?? '');
    const outcome = form.get('outcome') ?? '';
    if (!session || session.done || !this.#outcomes.some((o) => o.value === outcome)) {
      return error(res, 'This consent session has ended.');
    }
    this.#complete(res, session, outcome, 303);
  }

  #complete(res: ServerResponse, session: Session, outcome: string, code: number) {
    session.done = true;
    const ok = outcome === 'success' || outcome === 'reauthorized';
    const now = this.#config.now();
    if (ok) this.#consentedAt.set(session.uid, this.#consentedAt.get(session.uid) ?? now);
    if (ok) this.#issuedAt.set(session.uid, now);
    const params: Record<string, string> = {
      status: ok ? outcome : 'failure',
      state: session.state,
      uid: session.uid,
    };
    if (!ok && outcome !== 'failure') params.error_code = outcome;
    redirect(res, appendCallbackParams(session.redirectUri, params), code);
  }

  exportStatus(req: IncomingMessage, res: ServerResponse, uid: string) {
    if (bearer(req) !== mockSecrets.emerge.apiToken) {
      return sendJson(res, 401, { detail: 'Invalid token' });
    }
    const since = this.#consentedAt.get(uid);
    if (since === undefined) return sendJson(res, 404, { detail: 'User not found' });
    const now = this.#config.now();
    const sources = Object.entries(this.#config.exportDelays).map(([provider, delay]) =>
      sourceExport(provider, since + delay, now),
    );
    sendJson(res, 200, { uid, sources });
  }

  /** `GET /consent/status/{uid}`: one active consent per source, issued at the last grant. */
  consentStatus(req: IncomingMessage, res: ServerResponse, uid: string) {
    if (bearer(req) !== mockSecrets.emerge.apiToken) {
      return sendJson(res, 401, { detail: 'Invalid token' });
    }
    const since = this.#issuedAt.get(uid);
    if (since === undefined) return sendJson(res, 404, { detail: 'User not found' });
    const consents = Object.keys(this.#config.exportDelays).map((provider) => ({
      provider,
      scopes: scopes[provider] ?? [],
      window: 'fixed',
      valid_until: new Date(since + this.#config.emergeConsentLifetimeMs).toISOString(),
      status: 'active',
      issued_at: new Date(since).toISOString(),
      revoked_at: null,
    }));
    sendJson(res, 200, { sub: uid, client_id: mockSecrets.emerge.clientId, consents });
  }
}

const error = (res: ServerResponse, text: string) =>
  sendPage(res, { status: 400, title: 'Emerge', body: `<p role="alert">${text}</p>` });

/** Emerge Link and its API, as the mock provider server routes them. */
export function createEmerge(config: MockConfig) {
  const emerge = new EmergeLink(config);
  return {
    start: (res: ServerResponse, query: URLSearchParams) => emerge.start(res, query),
    submit: (req: IncomingMessage, res: ServerResponse) => emerge.submit(req, res),
    exportStatus: (req: IncomingMessage, res: ServerResponse, uid: string) =>
      emerge.exportStatus(req, res, uid),
    consentStatus: (req: IncomingMessage, res: ServerResponse, uid: string) =>
      emerge.consentStatus(req, res, uid),
  };
}

// SIGNED LINKS

/**
 * The signature Emerge documents: hex HMAC-SHA256 over the parameters sorted by name, joined
 * as `key=value&...` with the raw (not URL-encoded) values (Emerge docs, Link authentication).
 */
function verifyEmergeSignature(
  params: Readonly<Record<string, string>>,
  signature: string,
  secret: string,
): boolean {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  const expected = createHmac('sha256', secret).update(canonical).digest();
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
