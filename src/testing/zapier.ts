import type { IncomingMessage, ServerResponse } from 'node:http';
import { mockSecrets, type MockConfig } from './mockConfig';
import { bearer, randomId, readForm, sendJson } from './http';
import { offeredOutcomes } from './page';
import { connectUi } from './zapierConnectUi';
import { ZapierState, zapierOutcomes } from './zapierState';

/** The client's credentials, from HTTP Basic or from the form (RFC 6749 section 2.3.1). */
function clientOf(req: IncomingMessage, form: URLSearchParams) {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const [id, secret] = basic
    ? Buffer.from(basic, 'base64').toString().split(':')
    : [form.get('client_id'), form.get('client_secret')];
  return id === mockSecrets.zapier.clientId && secret === mockSecrets.zapier.clientSecret;
}

const grants = new Set(['client_credentials', 'urn:ietf:params:oauth:grant-type:token-exchange']);

/** `POST /zapier/oauth/token`: a connect token, bound to the Connect UI URL it will open. */
async function token(
  state: ZapierState,
  config: MockConfig,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const form = await readForm(req);
  if (!clientOf(req, form)) return sendJson(res, 401, { error: 'invalid_client' });
  if (!grants.has(form.get('grant_type') ?? '')) {
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }
  // `resource` is `.../to/{app}`.
  const app = /\/to\/([^/?#]+)$/.exec(form.get('resource') ?? '')?.[1];
  if (!app) {
    return sendJson(res, 400, {
      error: 'invalid_request',
      error_description: 'resource is required',
    });
  }
  const value = randomId('zct_', 24);
  state.tokens.set(value, {
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

/** `GET /v2/authentications?app=…` with the user's access token: their authentications. */
function listAuthentications(
  state: ZapierState,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
) {
  const subject = bearer(req);
  if (!subject) {
    return sendJson(res, 401, { detail: 'Authentication credentials were not provided.' });
  }
  const app = query.get('app');
  if (!app) return sendJson(res, 400, { app: ['This field is required.'] });
  const limit = Math.max(1, Number(query.get('limit')) || 10);
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const all = (state.authentications.get(subject) ?? []).filter((item) => item.app === app);
  sendJson(res, 200, {
    links: { next: null, prev: null },
    meta: { count: all.length, limit, offset },
    data: all.slice(offset, offset + limit),
  });
}

/**
 * Zapier: `POST /zapier/oauth/token` (connect tokens), the Connect UI `/zapier/to/:app`, and
 * `GET /zapier/v2/authentications` (the connections the Connect UI made, per user).
 */
export function createZapier(config: MockConfig) {
  const state = new ZapierState();
  const ui = connectUi(state, config, offeredOutcomes(zapierOutcomes, config));
  return {
    token: (req: IncomingMessage, res: ServerResponse) => token(state, config, req, res),
    page: ui.page,
    submit: ui.submit,
    listAuthentications: (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) =>
      listAuthentications(state, req, res, query),
  };
}
