import { describe, expect, it } from 'vitest';
import { ProviderRequestError } from '../../../src/server/providers/providerError';
import { findZapierAuthentication } from '../../../src/server/providers/zapierAuthentications';
import { mockProviderPerFile, onlyRequest } from '../mockHttp';

const accessToken = 'zap_user_access_token_44';
const page = (ids: Array<string | number>) => ({
  links: { next: null, prev: null },
  meta: { count: ids.length, limit: 100, offset: 0 },
  data: ids.map((id) => ({
    type: 'authentication',
    id,
    app: 'SlackAPI',
    is_expired: false,
    title: 't',
  })),
});
const provider = mockProviderPerFile(() => ({ status: 200, body: page(['500123', 600]) }));
const options = () => ({ accessToken, app: 'SlackAPI', baseUrl: provider.baseUrl });

describe('findZapierAuthentication: GET /v2/authentications with the user token', () => {
  it("finds one of the user's authentications, asking with the app and the user's token", async () => {
    const found = await findZapierAuthentication({ ...options(), authenticationId: '500123' });
    expect(found).toEqual({ id: '500123', app: 'SlackAPI', isExpired: false, title: 't' });
    const request = onlyRequest(provider);
    expect(request.url).toBe('/v2/authentications?app=SlackAPI&limit=100&offset=0');
    expect(request.headers.authorization).toBe(`Bearer ${accessToken}`);
  });

  it('reads numeric ids as strings, and finds nothing for an id the user does not have', async () => {
    expect(await findZapierAuthentication({ ...options(), authenticationId: '600' })).toMatchObject(
      { id: '600' },
    );
    expect(
      await findZapierAuthentication({ ...options(), authenticationId: '12345' }),
    ).toBeUndefined();
  });

  it('reads further pages while a page is full', async () => {
    provider.reply = { status: 200, body: page(Array.from({ length: 100 }, (_, i) => String(i))) };
    expect(
      await findZapierAuthentication({ ...options(), authenticationId: 'missing' }),
    ).toBeUndefined();
    expect(provider.requests.length).toBe(10);
    expect(provider.requests.at(-1)?.url).toContain('offset=900');
  });

  it('throws a ProviderRequestError when Zapier cannot say (401, no data array)', async () => {
    provider.reply = { status: 401, body: { detail: accessToken } };
    const refused = findZapierAuthentication({ ...options(), authenticationId: '1' });
    await expect(refused).rejects.toMatchObject({
      name: 'ProviderRequestError',
      kind: 'unauthorized',
    });
    provider.reply = { status: 200, body: { results: [] } };
    const odd = findZapierAuthentication({ ...options(), authenticationId: '1' });
    await expect(odd).rejects.toBeInstanceOf(ProviderRequestError);
  });
});
