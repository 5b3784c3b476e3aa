import { isRecord, readText } from '../http/json';
import { joinUrl, requestJson, type FetchOptions } from './providerFetch';
import { ProviderRequestError } from './providerError';

export interface ZapierConnectTokenOptions extends FetchOptions {
  /** Your White Label OAuth client id. Required. */
  clientId: string;
  /** Your White Label OAuth client secret. Server-only; required. */
  clientSecret: string;
  /** The app the Connect UI will open (`SlackAPI` in Zapier's example); the token is bound to it. Required. */
  app: string;
  /** The user's Zapier access token, exchanged for the connect token. Server-only; required. */
  subjectToken: string;
  /** What `subjectToken` is. Defaults to `urn:ietf:params:oauth:token-type:access-token`. */
  subjectTokenType?: string | undefined;
  /** The scope asked for. Defaults to `connection:write`. */
  scope?: string | undefined;
  /** Where the Connect UI lives; `resource` is `{connectBaseUrl}/to/{app}`. Defaults to `https://connect.zapier.com`. */
  connectBaseUrl?: string | undefined;
  /** Zapier's OAuth server. Defaults to `https://zapier.com`. */
  baseUrl?: string | undefined;
}

/** A connect token: single-use, valid for about 6 minutes. Pass it to the browser, never store it. */
export interface ZapierConnectToken {
  token: string;
  /** The app the token is bound to. */
  app: string;
  /** Seconds, when Zapier says (undocumented whether it does). */
  expiresIn?: number;
}

// ---------------------------------------------------------------------------------------------
// [3P] NOT from Zapier's own text. Zapier documents the endpoint (`POST /oauth/token`), the form
// encoding, client credentials kept on the server and `resource`. The grant and token types,
// the default scope and the names `grant_type`, `subject_token`, `subject_token_type`,
// `requested_token_type`, `scope`, `client_id` and `client_secret` were seen only in
// third-party code, as in RFC 8693 (https://www.rfc-editor.org/rfc/rfc8693). Zapier's page is
// https://docs.zapier.com/white-label/token-exchange; if it says otherwise, change them here.
const tokenExchange = {
  grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
  requestedTokenType: 'urn:ietf:params:oauth:token-type:connect-token',
  defaultSubjectTokenType: 'urn:ietf:params:oauth:token-type:access-token',
  defaultScope: 'connection:write',
  fieldNames: {
    grantType: 'grant_type',
    subjectToken: 'subject_token',
    subjectTokenType: 'subject_token_type',
    requestedTokenType: 'requested_token_type',
    scope: 'scope',
    clientId: 'client_id',
    clientSecret: 'client_secret',
  },
} as const;
// ---------------------------------------------------------------------------------------------

function tokenForm(options: ZapierConnectTokenOptions, resource: string): URLSearchParams {
  const names = tokenExchange.fieldNames;
  const form = new URLSearchParams();
  form.set(names.grantType, tokenExchange.grantType);
  form.set(names.subjectToken, options.subjectToken);
  form.set(
    names.subjectTokenType,
    options.subjectTokenType ?? tokenExchange.defaultSubjectTokenType,
  );
  form.set(names.requestedTokenType, tokenExchange.requestedTokenType);
  form.set(names.scope, options.scope ?? tokenExchange.defaultScope);
  // Documented by Zapier: the Connect UI URL the token will be used at.
  form.set('resource', resource);
  form.set(names.clientId, options.clientId);
  form.set(names.clientSecret, options.clientSecret);
  return form;
}

function checkOptions(options: ZapierConnectTokenOptions): void {
  const required = ['clientId', 'clientSecret', 'app', 'subjectToken'] as const;
  for (const name of required) {
    if (!options[name]) throw new TypeError(`${name} must be a non-empty string`);
  }
}

/**
 * Mints a Zapier connect token for one app (a form-encoded `POST /oauth/token` token exchange).
 * Mint one per attempt, on the user's click: it is single-use and short-lived. Throws a
 * {@link ProviderRequestError} (`provider: 'zapier'`) when the request fails, Zapier answers
 * with an error status, or the answer has no `access_token`.
 */
export async function createZapierConnectToken(
  options: ZapierConnectTokenOptions,
): Promise<ZapierConnectToken> {
  checkOptions(options);
  const connectBase = options.connectBaseUrl ?? 'https://connect.zapier.com';
  const resource = joinUrl(connectBase, `/to/${encodeURIComponent(options.app)}`);
  const init: RequestInit = {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: tokenForm(options, resource).toString(),
    redirect: 'manual',
  };
  if (options.signal) init.signal = options.signal;
  const url = joinUrl(options.baseUrl ?? 'https://zapier.com', '/oauth/token');
  const answer = await requestJson({ url, init }, options);
  if (!answer.ok) throw new ProviderRequestError('zapier', answer.failure);
  const token = isRecord(answer.body) ? readText(answer.body.access_token) : undefined;
  if (!token)
    throw new ProviderRequestError('zapier', { kind: 'bad-response', status: answer.status });
  const result: ZapierConnectToken = { token, app: options.app };
  const expiresIn = isRecord(answer.body) ? answer.body.expires_in : undefined;
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn)) result.expiresIn = expiresIn;
  return result;
}
