import { describe, expect, it } from 'vitest';
import { basePath, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();

describe('GET {basePath}/export-status', () => {
  it("proxies the signed-in user's export status in Emerge's own format, without the uid", async () => {
    const uid = 'psub_0123456789abcdef0123456789abcdef';
    const answer = {
      uid,
      sources: [
        {
          provider: 'gmail',
          data_ready: true,
          data_landed_at: 'x',
          export_status: 'completed',
          export_completed_at: 'y',
        },
      ],
    };
    const emerge = {
      clientId: 'c',
      signingSecret: 's',
      apiToken: 't',
      apiBaseUrl: 'https://link.example',
    };
    const run = testHandler(providers(), {
      emerge: { ...emerge, fetch: async () => Response.json(answer) },
    });
    run.uids.set('user-1', uid);
    const response = await run.call(`${basePath}/export-status`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ sources: answer.sources });
    expect(text).not.toContain(uid);
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
