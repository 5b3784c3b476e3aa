import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendCallbackParams } from '../../src/core/model/callbackUrl';
import { mockSecrets, type MockConfig } from './config';
import { verifyEmergeSignature } from './emergeLink';
import { bearer, isAcceptableRedirect, readForm, redirect, sendJson } from './http';
import { outcomeForm, sendPage, wantsCoop, type Outcome } from './page';

/** Both statuses that succeed, every documented `error_code`, one unknown code and none. */
export const emergeOutcomes: Outcome[] = [
  { value: 'success', label: 'Allow (success)' },
  { value: 'reauthorized', label: 'Allow again (reauthorized)' },
  { value: 'user_failed', label: 'Cancel (failure: user_failed)' },
  { value: 'data_invalid', label: 'Not enough data (failure: data_invalid)' },
  { value: 'access_denied', label: 'Deny permissions (failure: access_denied)' },
  { value: 'invalid_scope', label: 'Scopes unavailable (failure: invalid_scope)' },
  { value: 'admin_policy_enforced', label: 'Blocked by admin (failure: admin_policy_enforced)' },
  { value: 'uid_conflict', label: 'uid already linked (failure: uid_conflict)' },
  { value: 'provider_unavailable', label: 'Undocumented code (failure: provider_unavailable)' },
  { value: 'failure', label: 'Failure without a code (failure)' },
];

/** Query parameters that steer the mock and are not part of the signed link. */
const controls = new Set(['signature', 'auto', 'autoDelay', 'coop']);

interface Session {
  redirectUri: string;
  state: string;
  uid: string;
  done: boolean;
}

/** Emerge Link: signed `/emerge/link/start`, consent page, `/emerge/export/status/:uid`. */
export function createEmerge(config: MockConfig) {
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
    sendPage(res, {
      title: 'Share your Google data',
      coop: wantsCoop(query, true),
      body: `<p class="note">Mock of link.emergedata.ai and Google's consent screen.</p>
${outcomeForm('/emerge/link/finish', { signature }, emergeOutcomes)}`,
    });
  }

  async function submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = sessions.get(form.get('signature') ?? '');
    const outcome = form.get('outcome') ?? '';
    if (!session || session.done || !emergeOutcomes.some((o) => o.value === outcome)) {
      return error(res, 'This consent session has ended.');
    }
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
    redirect(res, appendCallbackParams(session.redirectUri, params));
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

  /** `GET /consent/status/{uid}`: the documented shape, one Google consent for a year. */
  function consentStatus(req: IncomingMessage, res: ServerResponse, uid: string) {
    if (bearer(req) !== mockSecrets.emerge.apiToken)
      return sendJson(res, 401, { detail: 'Invalid token' });
    const issued = issuedAt.get(uid);
    if (issued === undefined) return sendJson(res, 404, { detail: 'User not found' });
    sendJson(res, 200, {
      sub: uid,
      client_id: mockSecrets.emerge.clientId,
      consents: [
        {
          provider: 'google_data',
          scopes: ['myactivity.search'],
          window: 'fixed',
          valid_until: new Date(issued + 365 * 86_400_000).toISOString(),
          status: 'active',
          issued_at: new Date(issued).toISOString(),
          revoked_at: null,
        },
      ],
    });
  }

  return { start, submit, exportStatus, consentStatus };
}
