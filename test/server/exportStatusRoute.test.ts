import { describe, expect, it } from 'vitest';
import { basePath, testHandler, useMockProviders } from './handlerFixture';

const providers = useMockProviders();

describe('GET {basePath}/export-status', () => {
  it("proxies the signed-in user's export status, without the uid", async () => {
    const run = testHandler(providers());
    const uid = 'psub_0123456789abcdef0123456789abcdef';
    run.uids.set('user-1', uid);
    const response = await run.call(`${basePath}/export-status`);
    // The mock knows no consent for this uid yet: Emerge answers with sources all the same.
    const text = await response.text();
    expect(text).not.toContain(uid);
    expect(text).not.toContain('"uid"');
  });

  it('a user with no Emerge connection yet is 404 (the browser counts it as preparing)', async () => {
    const run = testHandler(providers());
    const response = await run.call(`${basePath}/export-status`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_connected' });
  });

  it('passes 429 through with Retry-After', async () => {
    const limited = async () =>
      new Response('{}', { status: 429, headers: { 'Retry-After': '7' } });
    const run = testHandler(providers(), {
      emerge: {
        clientId: 'c',
        signingSecret: 's',
        apiToken: 't',
        apiBaseUrl: 'https://link.example',
        fetch: limited,
      },
    });
    run.uids.set('user-1', 'psub_x');
    const response = await run.call(`${basePath}/export-status`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('any other provider failure is a 502 that names nothing', async () => {
    const broken = async () => new Response('token abc is invalid', { status: 401 });
    const run = testHandler(providers(), {
      emerge: { clientId: 'c', signingSecret: 's', apiToken: 'tok_secret', fetch: broken },
    });
    run.uids.set('user-1', 'psub_x');
    const response = await run.call(`${basePath}/export-status`);
    expect(response.status).toBe(502);
    expect(await response.text()).not.toMatch(/tok_secret|psub_x|abc/);
  });
});
