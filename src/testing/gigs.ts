import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendCallbackParams } from '../core/model/callbackUrl';
import { mockSecrets, type MockConfig } from './mockConfig';
import {
  bearer,
  isAcceptableRedirect,
  randomId,
  readForm,
  readJson,
  redirect,
  sendJson,
} from './http';
import {
  autoRedirectOutcome,
  escapeHtml,
  offeredOutcomes,
  outcomeForm,
  sendPage,
  wantsCoop,
  type Outcome,
} from './page';

/** Every status the Gigs docs list, the legacy `not_allowed`, and one they never mention. */
export const gigsOutcomes: readonly Outcome[] = [
  { value: 'success', label: 'Complete the purchase (success)' },
  { value: 'auth_expired', label: 'Session expired (auth_expired)' },
  { value: 'bad_configuration', label: 'Flow not allowed (bad_configuration)' },
  { value: 'user_aborted', label: 'Abort (user_aborted)' },
  { value: 'not_allowed', label: 'Legacy: flow not allowed (not_allowed)' },
  {
    value: 'intent_fulfilled',
    label: 'Undocumented status (intent_fulfilled)',
    undocumented: true,
  },
];

interface Session {
  id: string;
  token: string;
  callbackUrl: string | null;
  theme: string | null;
  expiresAt: number;
  /** Set when the page first opens: the session URL is single-use. */
  ticket?: string;
  finished?: boolean;
}

const validation = (message: string) => ({ object: 'error', type: 'validation', message });

/** A `POST …/connectSessions` body checked: the session's fields, or the 422 answer. */
function readSessionRequest(body: Record<string, unknown> | undefined) {
  const intent = body?.intent as { type?: unknown } | undefined;
  if (!body || typeof intent?.type !== 'string') return { error: validation('intent is required') };
  const callbackUrl = body.callbackUrl ?? null;
  if (
    callbackUrl !== null &&
    (typeof callbackUrl !== 'string' || !isAcceptableRedirect(callbackUrl))
  ) {
    return { error: validation('invalid callbackUrl') };
  }
  const appearance = body.appearance as { theme?: unknown } | undefined;
  const theme =
    appearance?.theme === 'dark' || appearance?.theme === 'light' ? appearance.theme : null;
  const user = typeof body.user === 'string' ? body.user : null;
  return { body, callbackUrl, theme, user };
}

/** Gigs Connect sessions: `POST /gigs/projects/:project/connectSessions`, `/gigs/connect`. */
class GigsConnect {
  readonly #sessions = new Map<string, Session>();
  readonly #outcomes: readonly Outcome[];

  constructor(
    private readonly config: MockConfig,
    private readonly origin: () => string,
  ) {
    this.#outcomes = offeredOutcomes(gigsOutcomes, config);
  }

  async create(req: IncomingMessage, res: ServerResponse, project: string) {
    if (bearer(req) !== mockSecrets.gigs.token) {
      return sendJson(res, 401, {
        object: 'error',
        type: 'unauthorized',
        message: 'Invalid token',
      });
    }
    const request = readSessionRequest(await readJson(req));
    if ('error' in request) return sendJson(res, 422, request.error);
    const { body, callbackUrl, theme, user } = request;
    const session: Session = {
      id: randomId('csn_'),
      token: randomId('', 24),
      callbackUrl,
      theme,
      expiresAt: this.config.now() + this.config.gigsSessionTtlMs,
    };
    this.#sessions.set(session.id, session);
    const url = new URL(`${this.origin()}/gigs/connect`);
    url.searchParams.set('session', session.id);
    url.searchParams.set('token', session.token);
    sendJson(res, 201, {
      object: 'connectSession',
      id: session.id,
      project,
      appearance: { theme: theme ?? 'light' },
      callbackUrl,
      intent: body.intent,
      url: url.href,
      user,
    });
  }

  #finish(res: ServerResponse, session: Session, status: string, code = 303) {
    session.finished = true;
    if (!session.callbackUrl) {
      // Without a callbackUrl the user simply stays in Connect.
      const body = '<p>Done. You can close this window.</p>';
      return sendPage(res, { title: 'Gigs Connect', body });
    }
    const params = { session_id: session.id, status };
    redirect(res, appendCallbackParams(session.callbackUrl, params), code);
  }

  page(res: ServerResponse, query: URLSearchParams) {
    const session = this.#sessions.get(query.get('session') ?? '');
    if (!session) {
      const body = '<p role="alert">This Connect session does not exist.</p>';
      return sendPage(res, { status: 404, title: 'Gigs Connect', body });
    }
    // Reused, expired or forged: Connect lands on the callback with `auth_expired`.
    const expired = this.config.now() > session.expiresAt;
    if (session.ticket || session.token !== query.get('token') || expired) {
      return this.#finish(res, session, 'auth_expired');
    }
    session.ticket = randomId('', 16);
    const auto = autoRedirectOutcome(query, this.#outcomes);
    if (auto) return this.#finish(res, session, auto.value, 302);
    const hidden = { session: session.id, ticket: session.ticket };
    sendPage(res, {
      title: 'Gigs Connect',
      theme: session.theme,
      coop: wantsCoop(query),
      body: `<p class="note">Mock of connect.gigs.com. Session <code>${escapeHtml(session.id)}</code>.</p>
${outcomeForm('/gigs/connect/finish', hidden, this.#outcomes)}`,
    });
  }

  async submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = this.#sessions.get(form.get('session') ?? '');
    const outcome = this.#outcomes.find((o) => o.value === form.get('outcome'));
    if (!session || !outcome || session.finished || session.ticket !== form.get('ticket')) {
      const body = '<p role="alert">This session has ended.</p>';
      return sendPage(res, { status: 400, title: 'Gigs Connect', body });
    }
    this.#finish(res, session, outcome.value);
  }
}

/** Gigs Connect sessions: `POST /gigs/projects/:project/connectSessions`, `/gigs/connect`. */
export function createGigs(config: MockConfig, origin: () => string) {
  const gigs = new GigsConnect(config, origin);
  return {
    create: (req: IncomingMessage, res: ServerResponse, project: string) =>
      gigs.create(req, res, project),
    page: (res: ServerResponse, query: URLSearchParams) => gigs.page(res, query),
    submit: (req: IncomingMessage, res: ServerResponse) => gigs.submit(req, res),
  };
}
