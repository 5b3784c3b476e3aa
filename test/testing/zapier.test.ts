import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProviders, type MockProviders } from '../../src/testing/index';

describe('the mock Zapier token exchange (POST /zapier/oauth/token)', () => {
  let mock: MockProviders;
  beforeAll(async () => {
    mock = await startMockProviders();
  });
  afterAll(() => mock.close());

  const exchange = (form: Record<string, string>, authorization?: string) =>
    fetch(`${mock.handlerConfig.zapier.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: new URLSearchParams(form),
    });
  const credentials = () => {
    const { clientId, clientSecret } = mock.handlerConfig.zapier;
    return { client_id: clientId, client_secret: clientSecret };
  };
  const resource = () => `${mock.handlerConfig.zapier.connectBaseUrl}/to/SlackAPI`;

  it('issues a connect token to the client, by form or by HTTP Basic', async () => {
    const grant = { grant_type: 'client_credentials', resource: resource() };
    const byForm = await exchange({ ...credentials(), ...grant });
    expect(byForm.status).toBe(200);
    expect(await byForm.json()).toMatchObject({
      access_token: expect.stringMatching(/^zct_/),
      issued_token_type: 'urn:ietf:params:oauth:token-type:connect-token',
      token_type: 'Bearer',
      expires_in: 360,
    });
    const { client_id, client_secret } = credentials();
    const basic = `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`;
    expect((await exchange(grant, basic)).status).toBe(200);
  });

  it.each([
    ['a wrong secret', { client_secret: 'nope' }, 401, 'invalid_client'],
    ['another grant', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ['no resource', { resource: '' }, 400, 'invalid_request'],
    [
      'a resource that is not a Connect UI',
      { resource: 'https://x.test/' },
      400,
      'invalid_request',
    ],
  ])('refuses %s', async (_, change, status, error) => {
    const form = { ...credentials(), grant_type: 'client_credentials', resource: resource() };
    const answer = await exchange({ ...form, ...change });
    expect(answer.status).toBe(status);
    expect(await answer.json()).toMatchObject({ error });
  });
});
