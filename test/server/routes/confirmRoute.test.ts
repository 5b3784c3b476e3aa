import { describe, expect, it } from 'vitest';
import {
  authorizeAtZapier,
  basePath,
  mockProvidersForFile,
  state,
  testHandler,
} from '../handlerFixture';

const providers = mockProvidersForFile();

const confirmBody = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('POST {basePath}/confirm/zapier', () => {
  it('a redirect flow takes no confirmation: its result comes by the callback', async () => {
    const run = testHandler(providers());
    const way = await authorizeAtZapier(run);
    const id = new URL(way, 'http://x').searchParams.get('authentication_id') ?? '';
    const response = await run.call(
      `${basePath}/confirm/zapier`,
      confirmBody({ authenticationId: id, state }),
    );
    expect(((await response.json()) as { outcome: object }).outcome).toMatchObject({
      screen: 'error',
    });
    expect(run.onConnected).not.toHaveBeenCalled();
    expect(run.hasFlow('zapier')).toBe(true);
  });

  it('refuses ids that are no Zapier id, and bodies past 8 KiB', async () => {
    const run = testHandler(providers());
    for (const authenticationId of ['', '1 OR 1=1', 'x'.repeat(65), 42]) {
      const response = await run.call(
        `${basePath}/confirm/zapier`,
        confirmBody({ authenticationId, state }),
      );
      expect(response.status, String(authenticationId)).toBe(400);
    }
    const large = await run.call(
      `${basePath}/confirm/zapier`,
      confirmBody({ pad: 'x'.repeat(9000) }),
    );
    expect(large.status).toBe(413);
  });
});
