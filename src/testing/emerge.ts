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

/**
 * Emerge Link: signed `/emerge/link/start`, the consent page, `/emerge/export/status/:uid` and
 * `/emerge/consent/status/:uid`.
 */
export function createEmerge(config: MockConfig) {
  const outcomes = offeredOutcomes(emergeOutcomes, config);
  // Keyed by signature: "the same link parameters generate the same session".
  const sessions = new Map<string, Session>();
  const consentedAt = new Map<string, number>();
  /** When each uid's consent was last given or reauthorized (`GET /consent/status/{uid}`). */
  const issuedAt = new Map<string, number>();
  const error = (res: ServerResponse, text: string) =>
    sendPage(res, { status: 400, title: 'Emerge', body: `<p role="alert">${text}</p>` });

  function start(res: ServerResponse, query: URLSearchParams) {
    const params: Record<string, string> = {};
    for (const [key, value] of query) if (!controls.has(key)) params[key] = value;
    const signature = query.get('signature') ?? '';
    if (!verifyEmergeSignature(params, signature, mockSecrets.emerge.signingSecret)) {
      return error(res, 'This link is invalid.');
    }
    const { client_id: clientId, redirect_uri: redirectUri, state, timestamp, uid } = params;
    const issued = Date.parse(timestamp ?? '');
    if (
      clientId !== mockSecrets.emerge.clientId ||
      !redirectUri ||
      !isAcceptableRedirect(redirectUri)
    ) {
      return error(res, 'This link is invalid.');
    }
    if (!(issued <= config.now() + 60_000) || config.now() - issued > config.emergeLinkTtlMs) {
      return error(res, 'This link has expired.');
    }
    const pairwise = `psub_${createHash('sha256').update(`${clientId}:${state}:${timestamp}`).digest('hex').slice(0, 32)}`;
    const session = sessions.get(signature) ?? {
      redirectUri,
      state: state ?? '',
      uid: uid || pairwise,
      done: false,
    };
    sessions.set(signature, session);
    if (session.done) {
      // Documented: a completed link shows "already connected" and triggers no callback.
      return sendPage(res, {
        title: 'Emerge',
        body: '<p>You are already connected. <a href="https://wallet.emergedata.ai">Open your Data Wallet</a>.</p>',
      });
    }
    const auto = autoRedirectOutcome(query, outcomes);
    if (auto) return complete(res, session, auto.value, 302);
    sendPage(res, {
      title: 'Share your Google data',
      coop: wantsCoop(query, true),
      body: `<p class="note">Mock of link.emergedata.ai and Google's consent screen.</p>
${outcomeForm('/emerge/link/finish', { signature }, outcomes)}`,
    });
  }

  async function submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = sessions.get(form.get('signature') ?? '');
    const outcome = form.get('outcome') ?? '';
    if (!session || session.done || !outcomes.some((o) => o.value === outcome)) {
      return error(res, 'This consent session has ended.');
    }
    complete(res, session, outcome, 303);
  }

  function complete(res: ServerResponse, session: Session, outcome: string, code: number) {
    session.done = true;
    const ok = outcome === 'success' || outcome === 'reauthorized';
    if (ok) consentedAt.set(session.uid, consentedAt.get(session.uid) ?? config.now());
    if (ok) issuedAt.set(session.uid, config.now());
    const params: Record<string, string> = {
      status: ok ? outcome : 'failure',
      state: session.state,
      uid: session.uid,
    };
    if (!ok && outcome !== 'failure') params.error_code = outcome;
    redirect(res, appendCallbackParams(session.redirectUri, params), code);
  }

  function exportStatus(req: IncomingMessage, res: ServerResponse, uid: string) {
    if (bearer(req) !== mockSecrets.emerge.apiToken)
      return sendJson(res, 401, { detail: 'Invalid token' });
    const since = consentedAt.get(uid);
    if (since === undefined) return sendJson(res, 404, { detail: 'User not found' });
    const sources = Object.entries(config.exportDelays).map(([provider, delay]) => {
      const at = since + delay;
      const ready = config.now() >= at;
      const time = ready ? new Date(at).toISOString() : null;
      return {
        provider,
        data_ready: ready,
        data_landed_at: time,
        export_status: ready ? 'completed' : 'running',
        export_completed_at: time,
      };
    });
    sendJson(res, 200, { uid, sources });
  }

  /** `GET /consent/status/{uid}`: one active consent per source, issued at the last grant. */
  function consentStatus(req: IncomingMessage, res: ServerResponse, uid: string) {
    if (bearer(req) !== mockSecrets.emerge.apiToken)
      return sendJson(res, 401, { detail: 'Invalid token' });
    const since = issuedAt.get(uid);
    if (since === undefined) return sendJson(res, 404, { detail: 'User not found' });
    const consents = Object.keys(config.exportDelays).map((provider) => ({
      provider,
      scopes: scopes[provider] ?? [],
      window: 'fixed',
      valid_until: new Date(since + config.emergeConsentLifetimeMs).toISOString(),
      status: 'active',
      issued_at: new Date(since).toISOString(),
      revoked_at: null,
    }));
    sendJson(res, 200, { sub: uid, client_id: mockSecrets.emerge.clientId, consents });
  }

  return { start, submit, exportStatus, consentStatus };
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
