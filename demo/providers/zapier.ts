import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendCallbackParams } from '../../src/core/model/callbackUrl';
import { mockSecrets, type MockConfig } from './config';
import {
  isAcceptableRedirect,
  isLoopbackOrigin,
  randomId,
  readForm,
  redirect,
  sendJson,
} from './http';
import { escapeHtml, outcomeForm, scriptJson, sendPage, wantsCoop, type Outcome } from './page';

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

export const zapierOutcomes: Outcome[] = [
  { value: 'success', label: 'Authorize (authenticationSuccess)' },
  ...Object.entries(failures).map(([value, f]) => ({
    value,
    label: `${f.description ?? 'Fail'} (${f.error})`,
  })),
];

interface Token {
  app: string;
  expiresAt: number;
  used: boolean;
  /** The Zapier user's access token the connect token was exchanged for. */
  subject: string;
}

/** An authentication the Connect UI made, and whose it is (`GET /v2/authentications`). */
interface Authentication {
  app: string;
  subject: string;
}

interface Session {
  app: string;
  redirectUri: string;
  state: string | null;
  authId: number;
  done: boolean;
}

/** Zapier: `POST /zapier/oauth/token` (connect tokens) and the Connect UI `/zapier/to/:app`. */
export function createZapier(config: MockConfig) {
  const tokens = new Map<string, Token>();
  const sessions = new Map<string, Session>();
  const authentications = new Map<string, Authentication>();
  let nextAuthId = 100_001;

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
      expiresAt: config.now() + config.zapierTokenTtlMs,
      used: false,
      subject: form.get('subject_token') ?? '',
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
    if (record && !failure) authentications.set(String(authId), { app, subject: record.subject });
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
      sessions.set(id, { app, redirectUri, state, authId, done: false });
      return sendPage(res, {
        title: `Connect ${app}`,
        theme: query.get('theme'),
        coop: wantsCoop(query),
        body: `<p class="note">Mock of connect.zapier.com (redirect mode).</p>${outcomeForm('/zapier/finish', { session: id }, zapierOutcomes)}`,
      });
    }
    // Popup mode: the result goes to `window.opener` by postMessage, exact target origins only.
    const messages = Object.fromEntries(
      zapierOutcomes.map(({ value }) => {
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
    sendPage(res, {
      title: `Connect ${app}`,
      theme: query.get('theme'),
      coop: wantsCoop(query),
      body: failure
        ? `<p role="alert">${escapeHtml(failure.description ?? failure.error)}</p>`
        : `<p class="note">Mock of connect.zapier.com (popup mode).</p>${outcomeForm('#', {}, zapierOutcomes)}`,
      script: popupScript(targets(req), messages, initial),
    });
  }

  async function submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = sessions.get(form.get('session') ?? '');
    const outcome = form.get('outcome') ?? '';
    if (!session || session.done || !zapierOutcomes.some((o) => o.value === outcome)) {
      return sendPage(res, {
        status: 400,
        title: 'Zapier',
        body: '<p role="alert">This session has ended.</p>',
      });
    }
    session.done = true;
    const failure = failures[outcome];
    redirect(
      res,
      failure
        ? errorUrl(session.redirectUri, session.app, session.state, failure)
        : appendCallbackParams(session.redirectUri, {
            authentication_id: String(session.authId),
            service: session.app,
          }),
    );
  }

  /**
   * `GET /v2/authentications?app=…` with the user's access token: the authentications the
   * Connect UI made for that user and app, in Zapier's paginated shape.
   */
  function listAuthentications(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const subject = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!subject)
      return sendJson(res, 401, { detail: 'Authentication credentials were not provided.' });
    const app = query.get('app');
    const data = [...authentications]
      .filter(([, each]) => each.subject === subject && (!app || each.app === app))
      .map(([id, each]) => ({
        type: 'authentication',
        id,
        app: each.app,
        is_expired: false,
        title: `${each.app} (mock)`,
      }));
    const limit = Number(query.get('limit') ?? 10);
    const offset = Number(query.get('offset') ?? 0);
    const page = data.slice(offset, offset + limit);
    sendJson(res, 200, {
      links: { next: null, prev: null },
      meta: { count: data.length, limit, offset },
      data: page,
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
