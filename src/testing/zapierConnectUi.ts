import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockConfig } from './mockConfig';
import { isAcceptableRedirect, isLoopbackOrigin, randomId, readForm, redirect } from './http';
import {
  autoRedirectOutcome,
  escapeHtml,
  outcomeForm,
  scriptJson,
  sendPage,
  wantsCoop,
  type Outcome,
} from './page';
import { errorUrl, failures, type Failure, type Session, type ZapierState } from './zapierState';

/** The opener origins to post to: configured, or the loopback origin that opened the page. */
function targets(req: IncomingMessage, config: MockConfig): string[] {
  if (config.appOrigins) return [...config.appOrigins];
  try {
    const origin = new URL(req.headers.referer ?? '').origin;
    return isLoopbackOrigin(origin) ? [origin] : [];
  } catch {
    return [];
  }
}

/** Each outcome's popup message: `authenticationSuccess` with the id, or `authenticationError`. */
function popupMessages(outcomes: readonly Outcome[], authId: number) {
  return Object.fromEntries(
    outcomes.map(({ value }) => {
      const failure = failures[value];
      const message = failure
        ? { type: 'authenticationError', error: failure.error }
        : { type: 'authenticationSuccess', authId };
      return [value, message];
    }),
  );
}

/** The page's script: posts the chosen outcome's message to the opener, exact origins only. */
export function popupScript(
  targets: string[],
  messages: Record<string, unknown>,
  initial: unknown,
) {
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

/** One Connect UI visit: the app, the query, and what its connect token allows. */
interface Visit {
  app: string;
  query: URLSearchParams;
  session: Session;
  failure: Failure | undefined;
}

/**
 * The Connect UI `/zapier/to/:app` and its form's `POST /zapier/finish`. A connect token starts
 * one session: reused, unknown or for another app, it is invalid.
 */
class ConnectUi {
  readonly #state: ZapierState;
  readonly #config: MockConfig;
  readonly #outcomes: readonly Outcome[];

  constructor(state: ZapierState, config: MockConfig, outcomes: readonly Outcome[]) {
    this.#state = state;
    this.#config = config;
    this.#outcomes = outcomes;
  }

  #visit(app: string, query: URLSearchParams): Visit {
    const record = this.#state.tokens.get(query.get('token') ?? '');
    let failure: Failure | undefined;
    if (!record || record.used || record.app !== app) failure = failures.invalid_request;
    else if (this.#config.now() > record.expiresAt) failure = failures.token_expired;
    if (record) record.used = true;
    const session: Session = {
      app,
      subject: record?.subject,
      redirectUri: query.get('redirect_uri'),
      state: query.get('state'),
      authId: this.#state.authIdFor(query.get('reconnect_id')),
      done: false,
    };
    return { app, query, session, failure };
  }

  /** Redirect mode: the outcome goes back to `redirect_uri` as query parameters. */
  #redirectPage(res: ServerResponse, { app, query, session, failure }: Visit) {
    const redirectUri = session.redirectUri ?? '';
    if (!isAcceptableRedirect(redirectUri)) {
      const body = '<p role="alert">Invalid redirect_uri.</p>';
      return sendPage(res, { status: 400, title: 'Zapier', body });
    }
    if (failure) return redirect(res, errorUrl(redirectUri, app, session.state, failure), 302);
    const id = randomId('zs_', 16);
    this.#state.sessions.set(id, session);
    const auto = autoRedirectOutcome(query, this.#outcomes);
    if (auto) return redirect(res, this.#state.finish(session, auto.value) ?? redirectUri, 302);
    sendPage(res, {
      title: `Connect ${app}`,
      theme: query.get('theme'),
      coop: wantsCoop(query),
      body: `<p class="note">Mock of connect.zapier.com (redirect mode).</p>${outcomeForm('/zapier/finish', { session: id }, this.#outcomes)}`,
    });
  }

  /** Popup mode: the result goes to `window.opener` by postMessage. */
  #popupPage(req: IncomingMessage, res: ServerResponse, visit: Visit) {
    const { app, query, session, failure } = visit;
    // No request tells the mock which button was pressed: the authentication is listed from
    // the moment the Connect UI opens, so a server can confirm a popup's success.
    if (!failure) this.#state.recordAuthentication({ ...session, done: true });
    const initial = failure ? { type: 'authenticationError', error: failure.error } : null;
    const messages = popupMessages(this.#outcomes, session.authId);
    sendPage(res, {
      title: `Connect ${app}`,
      theme: query.get('theme'),
      coop: wantsCoop(query),
      body: failure
        ? `<p role="alert">${escapeHtml(failure.description ?? failure.error)}</p>`
        : `<p class="note">Mock of connect.zapier.com (popup mode).</p>${outcomeForm('#', {}, this.#outcomes)}`,
      script: popupScript(targets(req, this.#config), messages, initial),
    });
  }

  page(req: IncomingMessage, res: ServerResponse, app: string, query: URLSearchParams) {
    const visit = this.#visit(app, query);
    if (visit.session.redirectUri) return this.#redirectPage(res, visit);
    this.#popupPage(req, res, visit);
  }

  async submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = this.#state.sessions.get(form.get('session') ?? '');
    const outcome = form.get('outcome') ?? '';
    if (!session || session.done || !this.#outcomes.some((o) => o.value === outcome)) {
      const body = '<p role="alert">This session has ended.</p>';
      return sendPage(res, { status: 400, title: 'Zapier', body });
    }
    redirect(res, this.#state.finish(session, outcome) ?? session.redirectUri ?? '/');
  }
}

/** The Connect UI's two routes, for the mock provider server. */
export function connectUi(state: ZapierState, config: MockConfig, outcomes: readonly Outcome[]) {
  const ui = new ConnectUi(state, config, outcomes);
  return {
    page: (req: IncomingMessage, res: ServerResponse, app: string, query: URLSearchParams) =>
      ui.page(req, res, app, query),
    submit: (req: IncomingMessage, res: ServerResponse) => ui.submit(req, res),
  };
}
