import { describe, expect, it } from 'vitest';
import { configSecrets, state, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();

describe('POST {basePath}/launch/{provider}', () => {
  it('Gigs: a fresh session per launch, created with the handler as callbackUrl', async () => {
    const run = testHandler(providers());
    const first = (await (await run.launch('gigs')).json()) as { id: string; url: string };
    const second = (await (await run.launch('gigs')).json()) as { id: string };
    expect(first.id).not.toBe(second.id);
    expect(first.url).toContain(first.id);
  });

  it('Emerge: a link signed with the flow state, returning to the handler', async () => {
    const run = testHandler(providers());
    const { url } = (await (await run.launch('emerge')).json()) as { url: string };
    const link = new URL(url);
    expect(link.pathname).toBe('/emerge/link/start');
    expect(link.searchParams.get('state')).toBe(state);
    expect(link.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    // The mock Emerge page accepts the signature: the link is really signed.
    expect((await fetch(url)).status).toBe(200);
  });

  it('Zapier: a connect token for an allowed app, with the Connect base URL', async () => {
    const run = testHandler(providers());
    const launch = (await (await run.launch('zapier')).json()) as Record<string, string>;
    expect(launch).toMatchObject({ app: 'SlackAPI', baseUrl: `${providers()}/zapier` });
    expect(launch.token).toBeTruthy();
    expect(JSON.stringify(launch)).not.toContain('zapier-user-access-token');
  });

  it('never answers a configured secret', async () => {
    const run = testHandler(providers());
    const text = await Promise.all(
      ['gigs', 'emerge', 'zapier'].map(async (provider) => (await run.launch(provider)).text()),
    );
    for (const value of configSecrets) expect(text.join()).not.toContain(value);
  });
});
