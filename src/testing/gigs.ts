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

/** Gigs Connect sessions: `POST /gigs/projects/:project/connectSessions`, `/gigs/connect`. */
export function createGigs(config: MockConfig, origin: () => string) {
  const sessions = new Map<string, Session>();
  const outcomes = offeredOutcomes(gigsOutcomes, config);

  async function create(req: IncomingMessage, res: ServerResponse, project: string) {
    if (bearer(req) !== mockSecrets.gigs.token) {
      return sendJson(res, 401, {
        object: 'error',
        type: 'unauthorized',
        message: 'Invalid token',
      });
    }
    const body = await readJson(req);
    const intent = body?.intent as { type?: unknown } | undefined;
    const callbackUrl = body?.callbackUrl ?? null;
    if (!body || typeof intent?.type !== 'string') {
      return sendJson(res, 422, {
        object: 'error',
        type: 'validation',
        message: 'intent is required',
      });
    }
    if (
      callbackUrl !== null &&
      (typeof callbackUrl !== 'string' || !isAcceptableRedirect(callbackUrl))
    ) {
      return sendJson(res, 422, {
        object: 'error',
        type: 'validation',
        message: 'invalid callbackUrl',
      });
    }
    const appearance = body.appearance as { theme?: unknown } | undefined;
    const theme =
      appearance?.theme === 'dark' || appearance?.theme === 'light' ? appearance.theme : null;
    const session: Session = {
      id: randomId('csn_'),
      token: randomId('', 24),
      callbackUrl,
      theme,
      expiresAt: config.now() + config.gigsSessionTtlMs,
    };
    sessions.set(session.id, session);
    const url = new URL(`${origin()}/gigs/connect`);
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
      user: typeof body.user === 'string' ? body.user : null,
    });
  }

  function finish(res: ServerResponse, session: Session, status: string, code = 303) {
    session.finished = true;
    if (!session.callbackUrl) {
      // Without a callbackUrl the user simply stays in Connect.
      return sendPage(res, {
        title: 'Gigs Connect',
        body: '<p>Done. You can close this window.</p>',
      });
    }
    redirect(
      res,
      appendCallbackParams(session.callbackUrl, { session_id: session.id, status }),
      code,
    );
  }

  function page(res: ServerResponse, query: URLSearchParams) {
    const session = sessions.get(query.get('session') ?? '');
    if (!session) {
      return sendPage(res, {
        status: 404,
        title: 'Gigs Connect',
        body: '<p role="alert">This Connect session does not exist.</p>',
      });
    }
    // Reused, expired or forged: Connect lands on the callback with `auth_expired`.
    if (
      session.ticket ||
      session.token !== query.get('token') ||
      config.now() > session.expiresAt
    ) {
      return finish(res, session, 'auth_expired');
    }
    session.ticket = randomId('', 16);
    const auto = autoRedirectOutcome(query, outcomes);
    if (auto) return finish(res, session, auto.value, 302);
    sendPage(res, {
      title: 'Gigs Connect',
      theme: session.theme,
      coop: wantsCoop(query),
      body: `<p class="note">Mock of connect.gigs.com. Session <code>${escapeHtml(session.id)}</code>.</p>
${outcomeForm('/gigs/connect/finish', { session: session.id, ticket: session.ticket }, outcomes)}`,
    });
  }

  async function submit(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const session = sessions.get(form.get('session') ?? '');
    const outcome = outcomes.find((o) => o.value === form.get('outcome'));
    if (!session || !outcome || session.finished || session.ticket !== form.get('ticket')) {
      return sendPage(res, {
        status: 400,
        title: 'Gigs Connect',
        body: '<p role="alert">This session has ended.</p>',
      });
    }
    finish(res, session, outcome.value);
  }

  return { create, page, submit };
}
