import { afterAll, beforeAll, expect, test } from 'vitest';
import { createConnectHandler } from 'react-connect-flow/server';
import { startMockProviders, type MockProviders } from 'react-connect-flow/testing';

const app = 'http://127.0.0.1:3000';
let mock: MockProviders;
beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());

test('a Gigs checkout from launch to the verified result, with no browser', async () => {
  const connected: string[] = [];
  const handler = createConnectHandler({
    basePath: '/api/connect',
    secret: 'a-test-secret-of-at-least-32-characters',
    origin: app,
    getUser: () => 'user-1',
    onConnected: (event) => void connected.push(event.sessionId ?? ''),
    gigs: {
      ...mock.handlerConfig.gigs,
      intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_1' } },
    },
  });

  // The browser's part: a cookie jar, and the app's own origin on its requests.
  const jar = new Map<string, string>();
  async function browse(path: string, init: RequestInit = {}) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = { cookie, origin: app, 'content-type': 'application/json' };
    const response = await handler(new Request(new URL(path, app), { ...init, headers }));
    for (const line of response.headers.getSetCookie()) {
      const [name = '', value = ''] = line.split(';')[0]!.split('=');
      jar.set(name, value);
    }
    return response;
  }

  // 1. Launch, as `useConnect` does on a click.
  const launch = await browse('/api/connect/launch/gigs', {
    method: 'POST',
    body: JSON.stringify({ state: 'a-random-state-of-22-chars-or-more' }),
  });
  const { url } = (await launch.json()) as { url: string };

  // 2. The hosted page answers at once with the outcome asked for.
  const hosted = await fetch(`${url}&auto=success&autoRedirect=1`, { redirect: 'manual' });
  const callback = hosted.headers.get('location')!;
  expect(callback).toMatch(`${app}/api/connect/callback/gigs?`);

  // 3. The callback is verified against the flow cookie, then 4. the page reads the result.
  expect((await browse(callback)).status).toBe(303);
  const { outcome } = (await (await browse('/api/connect/result')).json()) as {
    outcome: { screen: string; sessionId: string };
  };
  expect(outcome).toMatchObject({ screen: 'success', verified: true });
  expect(connected).toEqual([outcome.sessionId]);
});
