import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendCallbackParams } from '../core/model/callbackUrl';
import { mockSecrets, type MockConfig } from './mockConfig';
import {
  bearer,
  isAcceptableRedirect,
  isLoopbackOrigin,
  randomId,
  readForm,
  redirect,
  sendJson,
} from './http';
import {
  autoRedirectOutcome,
  escapeHtml,
  offeredOutcomes,
  outcomeForm,
  scriptJson,
  sendPage,
  wantsCoop,
  type Outcome,
} from './page';

interface Failure {
  error: string;
  description?: string;
}

/** Success, and every error and description in Zapier's error-handling table, plus an unknown error. */
const failures: Record<string, Failure> = {
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

interface Token {
  app: string;
  /** The user's access token the connect token was exchanged for. */
  subject: string | undefined;
  expiresAt: number;
  used: boolean;
}

interface Session {
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

/**
 * Zapier: `POST /zapier/oauth/token` (connect tokens), the Connect UI `/zapier/to/:app`, and
 * `GET /zapier/v2/authentications` (the connections the Connect UI made, per user).
 */
export function createZapier(config: MockConfig) {
  const tokens = new Map<string, Token>();
  const sessions = new Map<string, Session>();
  /** The authentications of each user, keyed by the access token they exchanged. */
  const authentications = new Map<string, Authentication[]>();
  const outcomes = offeredOutcomes(zapierOutcomes, config);
  let nextAuthId = 100_001;

  /** A success creates the authentication, or revives the one reconnected. */
  function recordAuthentication(session: Session): void {
    if (session.subject === undefined) return;
    const list = authentications.get(session.subject) ?? [];
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
    authentications.set(session.subject, list);
  }

  /** Finishes a session: records a success, then the URL the browser goes to in redirect mode. */
  function finish(session: Session, outcome: string): string | undefined {
    session.done = true;
    const failure = failures[outcome];
    if (!failure) recordAuthentication(session);
    if (session.redirectUri === null) return undefined;
    return failure
      ? errorUrl(session.redirectUri, session.app, session.state, failure)
      : appendCallbackParams(session.redirectUri, {
          authentication_id: String(session.authId),
          service: session.app,
        });
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':')
      : [form.get('client_id'), form.get('client_secret')];
    if (id !== mockSecrets.zapier.clientId || secret !== mockSecrets.zapier.clientSecret) {
      return sendJson(res, 401, { error: 'invalid_client' });
    }
    const grant = form.get('grant_type');
    if (
      grant !== 'client_credentials' &&
      grant !== 'urn:ietf:params:oauth:grant-type:token-exchange'
    ) {
      return sendJson(res, 400, { error: 'unsupported_grant_type' });
    }
    // The token is bound to the Connect UI URL it will open: `resource` = `.../to/{app}`.
    const app = /\/to\/([^/?#]+)$/.exec(form.get('resource') ?? '')?.[1];
    if (!app)
      return sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'resource is required',
      });
    const value = randomId('zct_', 24);
    tokens.set(value, {
      app: decodeURIComponent(app),
      subject: form.get('subject_token') ?? undefined,
      expiresAt: config.now() + config.zapierTokenTtlMs,
      used: false,
    });
    sendJson(res, 200, {
      access_token: value,
      issued_token_type: 'urn:ietf:params:oauth:token-type:connect-token',
      token_type: 'Bearer',
      expires_in: Math.round(config.zapierTokenTtlMs / 1000),
    });
  }

  /** The opener origins to post to: configured, or the loopback origin that opened the page. */
  function targets(req: IncomingMessage): string[] {
    if (config.appOrigins) return [...config.appOrigins];
    try {
      const origin = new URL(req.headers.referer ?? '').origin;
      return isLoopbackOrigin(origin) ? [origin] : [];
    } catch {
      return [];
    }
  }

  function page(req: IncomingMessage, res: ServerResponse, app: string, query: URLSearchParams) {
    const redirectUri = query.get('redirect_uri');
    const state = query.get('state');
    const record = tokens.get(query.get('token') ?? '');
    // A connect token starts one session: reused, unknown or for another app, it is invalid.
    let failure: Failure | undefined;
    if (!record || record.used || record.app !== app) failure = failures.invalid_request;
    else if (config.now() > record.expiresAt) failure = failures.token_expired;
    if (record) record.used = true;
    const reconnect = Number(query.get('reconnect_id'));
    const authId = Number.isSafeInteger(reconnect) && reconnect > 0 ? reconnect : nextAuthId++;
    if (redirectUri) {
      if (!isAcceptableRedirect(redirectUri)) {
        return sendPage(res, {
          status: 400,
          title: 'Zapier',
          body: '<p role="alert">Invalid redirect_uri.</p>',
        });
      }
      if (failure) return redirect(res, errorUrl(redirectUri, app, state, failure), 302);
      const id = randomId('zs_', 16);
      const session: Session = {
        app,
        subject: record?.subject,
        redirectUri,
        state,
        authId,
        done: false,
      };
      sessions.set(id, session);
      const auto = autoRedirectOutcome(query, outcomes);
      if (auto) return redirect(res, finish(session, auto.value) ?? redirectUri, 302);
      return sendPage(res, {
        title: `Connect ${app}`,
        theme: query.get('theme'),
        coop: wantsCoop(query),
        body: `<p class="note">Mock of connect.zapier.com (redirect mode).</p>${outcomeForm('/zapier/finish', { session: id }, outcomes)}`,
      });
    }
    // Popup mode: the result goes to `window.opener` by postMessage, exact target origins only.
    const messages = Object.fromEntries(
      outcomes.map(({ value }) => {
        const f = failures[value];
        return [
          value,
          f
            ? { type: 'authenticationError', error: f.error }
            : { type: 'authenticationSuccess', authId },
        ];
      }),
    );
    const initial = failure ? { type: 'authenticationError', error: failure.error } : null;
    // The popup's script posts the result to the opener, and no request tells the mock which
    // button was pressed: the authentication is listed from the moment the Connect UI opens, so
    // a server can confirm a popup's success (with or without a browser).
    if (!failure) {
      recordAuthentication({
        app,
        subject: record?.subject,
        redirectUri: null,
        state,
        authId,
        done: true,
      });
    }
    sendPage(res, {
      title: `Connect ${app}`,
      theme: query.get('theme'),
      coop: wantsCoop(query),
      body: failure
        ? `<p role="alert">${escapeHtml(failure.description ?? failure.error)}</p>`
        : `<p class="note">Mock of connect.zapier.com (popup mode).</p>${outcomeForm('#', {}, outcomes)}`,
      script: popupScript(targets(req), messages, initial),
    });
  }

  async function submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = sessions.get(form.get('session') ?? '');
    const outcome = form.get('outcome') ?? '';
    if (!session || session.done || !outcomes.some((o) => o.value === outcome)) {
      return sendPage(res, {
        status: 400,
        title: 'Zapier',
        body: '<p role="alert">This session has ended.</p>',
      });
    }
    redirect(res, finish(session, outcome) ?? session.redirectUri ?? '/');
  }

  /** `GET /v2/authentications?app=…` with the user's access token: their authentications. */
  function listAuthentications(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const subject = bearer(req);
    if (!subject) {
      return sendJson(res, 401, { detail: 'Authentication credentials were not provided.' });
    }
    const app = query.get('app');
    if (!app) return sendJson(res, 400, { app: ['This field is required.'] });
    const limit = Math.max(1, Number(query.get('limit')) || 10);
    const offset = Math.max(0, Number(query.get('offset')) || 0);
    const all = (authentications.get(subject) ?? []).filter((item) => item.app === app);
    sendJson(res, 200, {
      links: { next: null, prev: null },
      meta: { count: all.length, limit, offset },
      data: all.slice(offset, offset + limit),
    });
  }

  return { token, page, submit, listAuthentications };
}

function errorUrl(
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

function popupScript(
  targets: string[],
  messages: Record<string, unknown>,
  initial: unknown,
): string {
  return `(() => {
  const targets = ${scriptJson(targets)}, messages = ${scriptJson(messages)}, initial = ${scriptJson(initial)};
  const status = document.getElementById('mock-status');
  const post = (message) => {
    if (!window.opener) { status.textContent = 'No opener to report to.'; return; }
    for (const origin of targets) window.opener.postMessage(message, origin);
    status.textContent = targets.length ? 'Sent to the app.' : 'No app origin to send to.';
  };
  if (initial) post(initial);
  document.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = messages[event.submitter?.value];
    if (message) post(message);
  });
})();`;
}
