import { describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../../src/server/providers/providerFetch';
import { ProviderRequestError } from '../../../src/server/providers/providerError';
import { createZapierConnectToken } from '../../../src/server/providers/zapierToken';
import {
  closedPortUrl,
  errorReplies,
  expectNoLeak,
  onlyRequest,
  mockProviderPerFile,
} from '../mockHttp';

const clientSecret = 'zap_client_secret_5e1';
const subjectToken = 'zap_user_access_token_44';
const connectToken = 'zct_single_use_8a';
const base = { clientId: 'zap_client_id', clientSecret, app: 'SlackAPI', subjectToken };

const provider = mockProviderPerFile(() => ({
  status: 200,
  body: { access_token: connectToken, token_type: 'Bearer' },
}));

describe('createZapierConnectToken: the token exchange', () => {
  it('POSTs the form to /oauth/token with the documented resource and the [3P] fields', async () => {
    const token = await createZapierConnectToken({ ...base, baseUrl: provider.baseUrl });
    const request = onlyRequest(provider);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/oauth/token');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers.authorization).toBeUndefined();
    const form = Object.fromEntries(new URLSearchParams(request.body));
    expect(form).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subjectToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access-token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:connect-token',
      scope: 'connection:write',
      resource: 'https://connect.zapier.com/to/SlackAPI',
      client_id: 'zap_client_id',
      client_secret: clientSecret,
    });
    expect(token).toEqual({ token: connectToken, app: 'SlackAPI' });
  });

  it('takes the subject token type, scope and Connect UI host from the options', async () => {
    await createZapierConnectToken({
      ...base,
      app: 'Google Sheets/v2',
      subjectTokenType: 'urn:ietf:params:oauth:token-type:external-jwt',
      scope: 'connection:write connection:read',
      connectBaseUrl: 'https://connect.sandbox.test/',
      baseUrl: provider.baseUrl,
    });
    const form = new URLSearchParams(onlyRequest(provider).body);
    expect(form.get('subject_token_type')).toBe('urn:ietf:params:oauth:token-type:external-jwt');
    expect(form.get('scope')).toBe('connection:write connection:read');
    expect(form.get('resource')).toBe('https://connect.sandbox.test/to/Google%20Sheets%2Fv2');
  });

  it('reads expires_in when Zapier sends it', async () => {
    provider.reply = { status: 200, body: { access_token: connectToken, expires_in: 360 } };
    await expect(createZapierConnectToken({ ...base, baseUrl: provider.baseUrl })).resolves.toEqual(
      { token: connectToken, app: 'SlackAPI', expiresIn: 360 },
    );
  });

  it('goes to https://zapier.com by default, through an injected fetch', async () => {
    const seen: Request[] = [];
    const fetch: FetchFunction = (request) => {
      seen.push(request);
      return Promise.resolve(Response.json({ access_token: connectToken }));
    };
    await expect(createZapierConnectToken({ ...base, fetch })).resolves.toMatchObject({
      token: connectToken,
    });
    const [request] = seen;
    expect(request?.url).toBe('https://zapier.com/oauth/token');
    expect(request?.method).toBe('POST');
    const form = new URLSearchParams(await request?.text());
    expect(form.get('client_secret')).toBe(clientSecret);
  });

  it.each([['clientId'], ['clientSecret'], ['app'], ['subjectToken']])(
    'refuses an empty %s before sending anything',
    async (name) => {
      const options = { ...base, [name]: '', baseUrl: provider.baseUrl };
      await expect(createZapierConnectToken(options)).rejects.toThrow(new RegExp(`^${name} `));
      expect(provider.requests).toHaveLength(0);
    },
  );
});

describe('createZapierConnectToken: errors never carry a secret or a token', () => {
  const secrets = [clientSecret, subjectToken, connectToken];

  it.each(errorReplies(`${clientSecret} ${subjectToken} ${connectToken}`))(
    '%s',
    async (_, reply, expected) => {
      provider.reply = reply;
      const options = { ...base, baseUrl: provider.baseUrl };
      const error: unknown = await createZapierConnectToken(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderRequestError);
      expect(error).toMatchObject({ provider: 'zapier', ...expected });
      expectNoLeak(error, secrets);
    },
  );

  it.each([
    ['no access_token', { token: connectToken }],
    ['an empty access_token', { access_token: '' }],
    ['a JSON array', [connectToken]],
  ])('a 200 with %s is a bad response', async (_, body) => {
    provider.reply = { status: 200, body };
    const options = { ...base, baseUrl: provider.baseUrl };
    const error: unknown = await createZapierConnectToken(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'zapier', kind: 'bad-response', status: 200 });
    expectNoLeak(error, secrets);
  });

  it('a network failure (a closed port)', async () => {
    const options = { ...base, baseUrl: await closedPortUrl() };
    const error: unknown = await createZapierConnectToken(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'zapier', kind: 'network' });
    expectNoLeak(error, secrets);
  });
});
