import { describe, expect, it } from 'vitest';
import { basePath, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();

describe('GET {basePath}/result', () => {
  it('answers the verified outcome once, to the user it belongs to only', async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    run.user.id = 'someone-else';
    const stranger = await run.call(`${basePath}/result`);
    expect(stranger.status).toBe(200);
    expect(await stranger.json()).toEqual({ outcome: null });
  });

  it('nothing waiting: a null outcome (200: a 404 would be logged in the console)', async () => {
    const run = testHandler(providers());
    const response = await run.call(`${basePath}/result`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
