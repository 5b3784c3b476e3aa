import { describe, expect, it } from 'vitest';
import { getEmergeConsentStatus } from '../../../src/server/providers/emergeConsentStatus';
import { mockProviderPerFile, onlyRequest } from '../mockHttp';

const documented = {
  sub: 'psub_1',
  client_id: 'client_1',
  consents: [
    {
      provider: 'google_data',
      scopes: ['myactivity.search'],
      window: 'fixed',
      valid_until: '2027-01-01T00:00:00Z',
      status: 'active',
      issued_at: '2026-01-01T00:00:00Z',
      revoked_at: null,
    },
  ],
};
const provider = mockProviderPerFile(() => ({ status: 200, body: documented }));

describe('getEmergeConsentStatus: GET /consent/status/{uid}', () => {
  it('reads the documented answer, without the uid, with the API token', async () => {
    const status = await getEmergeConsentStatus({
      uid: 'psub_1',
      apiToken: 'tok',
      baseUrl: provider.baseUrl,
    });
    expect(status).toEqual({
      clientId: 'client_1',
      consents: [
        {
          provider: 'google_data',
          status: 'active',
          validUntil: Date.parse('2027-01-01T00:00:00Z'),
          issuedAt: Date.parse('2026-01-01T00:00:00Z'),
        },
      ],
    });
    expect(JSON.stringify(status)).not.toContain('psub_1');
    const request = onlyRequest(provider);
    expect(request.url).toBe('/consent/status/psub_1');
    expect(request.headers.authorization).toBe('Bearer tok');
  });

  it('throws a not-found ProviderRequestError for an unknown uid, and bad-response for an odd body', async () => {
    provider.reply = { status: 404, body: { detail: 'User not found' } };
    await expect(
      getEmergeConsentStatus({ uid: 'x', apiToken: 't', baseUrl: provider.baseUrl }),
    ).rejects.toMatchObject({
      provider: 'emerge',
      kind: 'not-found',
    });
    provider.reply = { status: 200, body: { consents: 'no' } };
    await expect(
      getEmergeConsentStatus({ uid: 'x', apiToken: 't', baseUrl: provider.baseUrl }),
    ).rejects.toMatchObject({
      kind: 'bad-response',
    });
  });
});
