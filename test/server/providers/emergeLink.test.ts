import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmergeLink, emergeCanonicalString } from '../../../src/server/providers/emergeLink';

const secret = 'emerge-signing-secret-1234';
const base = {
  clientId: 'client_abc',
  signingSecret: secret,
  redirectUri: 'https://app.example.com/emerge/callback',
  state: 'st_9f8e7d',
  timestamp: '2024-01-15T10:30:00.000Z',
};

/** The documented signature, computed independently with node:crypto. */
function expectedSignature(params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

describe('createEmergeLink', () => {
  it('builds the documented URL with the parameters in order and a valid signature', async () => {
    const link = new URL(await createEmergeLink(base));
    expect(`${link.origin}${link.pathname}`).toBe('https://link.emergedata.ai/link/start');
    const keys = [...link.searchParams.keys()];
    expect(keys).toEqual(['client_id', 'redirect_uri', 'state', 'timestamp', 'signature']);
    const params = {
      client_id: 'client_abc',
      redirect_uri: base.redirectUri,
      state: 'st_9f8e7d',
      timestamp: '2024-01-15T10:30:00.000Z',
    };
    expect(link.searchParams.get('signature')).toBe(expectedSignature(params));
  });

  it('signs raw values, sorted by name, while the URL carries them encoded', async () => {
    const redirectUri = 'https://app.example.com/cb?next=/home&tab=a b';
    const state = 'a+b/c=d&e';
    const options = { ...base, redirectUri, state, uid: 'user 42+x', flowConfig: 'brand/one' };
    const href = await createEmergeLink(options);
    // Encoded on the wire: no raw `&`, `+` or `/` from the values leaks into the query.
    expect(href).toContain('state=a%2Bb%2Fc%3Dd%26e');
    expect(href).toContain('redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fnext%3D%2Fhome');
    const link = new URL(href);
    const params = {
      client_id: 'client_abc',
      redirect_uri: redirectUri,
      state,
      timestamp: base.timestamp,
      uid: 'user 42+x',
      flow_config: 'brand/one',
    };
    for (const [key, value] of Object.entries(params)) {
      expect(link.searchParams.get(key)).toBe(value);
    }
    const signature = link.searchParams.get('signature');
    expect(signature).toBe(expectedSignature(params));
    // A signature over the encoded values would differ.
    const encoded = Object.fromEntries(
      Object.entries(params).map(([key, value]) => [key, encodeURIComponent(value)]),
    );
    expect(signature).not.toBe(expectedSignature(encoded));
  });

  it('appends uid and flow_config after timestamp, before signature', async () => {
    const link = new URL(await createEmergeLink({ ...base, uid: 'u1', flowConfig: 'lm' }));
    expect([...link.searchParams.keys()]).toEqual([
      'client_id',
      'redirect_uri',
      'state',
      'timestamp',
      'uid',
      'flow_config',
      'signature',
    ]);
  });

  it('defaults the timestamp to now and accepts a Date', async () => {
    const before = Date.now();
    const link = new URL(await createEmergeLink({ ...base, timestamp: undefined }));
    const stamp = link.searchParams.get('timestamp') ?? '';
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(stamp)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const fromDate = new URL(
      await createEmergeLink({ ...base, timestamp: new Date('2025-02-03T04:05:06.007Z') }),
    );
    expect(fromDate.searchParams.get('timestamp')).toBe('2025-02-03T04:05:06.007Z');
  });

  it('honours baseUrl, keeping its path', async () => {
    const href = await createEmergeLink({ ...base, baseUrl: 'http://127.0.0.1:4010/emerge/' });
    expect(href.startsWith('http://127.0.0.1:4010/emerge/link/start?client_id=')).toBe(true);
  });

  it.each([
    ['http://localhost:3000/cb'],
    ['http://127.0.0.1:3000/cb'],
    ['http://[::1]:3000/cb'],
    ['https://app.example.com/cb'],
  ])('accepts %s', async (redirectUri) => {
    await expect(createEmergeLink({ ...base, redirectUri })).resolves.toContain('signature=');
  });

  it.each([
    ['http://app.example.com/cb', /Only HTTPS redirect URIs are allowed in production/],
    ['http://localhost.evil.test/cb', /Only HTTPS redirect URIs are allowed in production/],
    ['myapp://callback', /Only HTTPS redirect URIs are allowed in production/],
    ['/relative/cb', /absolute URL/],
  ])('refuses the redirect URI %s', async (redirectUri, message) => {
    await expect(createEmergeLink({ ...base, redirectUri })).rejects.toThrow(message);
  });

  it.each([
    ['clientId', { clientId: '' }],
    ['signingSecret', { signingSecret: '' }],
    ['state', { state: '' }],
    ['redirectUri', { redirectUri: '' }],
    ['uid', { uid: '' }],
    ['flowConfig', { flowConfig: '' }],
  ])('refuses an empty %s with a TypeError naming it', async (name, override) => {
    const error: unknown = await createEmergeLink({ ...base, ...override }).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(name);
  });

  it.each([['yesterday'], ['2024-01-15'], ['2024-13-45T10:30:00Z']])(
    'refuses the timestamp %s',
    async (timestamp) => {
      await expect(createEmergeLink({ ...base, timestamp })).rejects.toThrow(TypeError);
    },
  );

  it('refuses an invalid Date', async () => {
    const timestamp = new Date('nope');
    await expect(createEmergeLink({ ...base, timestamp })).rejects.toThrow(/invalid Date/);
  });

  it('never puts the secret in an error message', async () => {
    const error: unknown = await createEmergeLink({ ...base, redirectUri: 'http://x.test' }).catch(
      (e) => e,
    );
    expect(String(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});

describe('emergeCanonicalString', () => {
  it('sorts by name and joins raw key=value pairs', () => {
    const canonical = emergeCanonicalString([
      ['timestamp', 't'],
      ['client_id', 'c'],
      ['uid', 'u&v'],
      ['state', 's=1'],
    ]);
    expect(canonical).toBe('client_id=c&state=s=1&timestamp=t&uid=u&v');
  });
});
