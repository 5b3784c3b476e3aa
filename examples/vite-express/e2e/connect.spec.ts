import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import express from 'express';
import { createConnectHandler, nodeListener } from 'react-connect-flow/server';
import { startMockProviders, type MockProviders } from 'react-connect-flow/testing';

let mock: MockProviders;
let close: () => unknown;
let app: string;
const connected: (string | undefined)[] = [];

// The mock providers, and the app as it is served (its Vite build in `dist`) with its handler
// pointed at the mock by `mock.handlerConfig`.
test.beforeAll(async () => {
  mock = await startMockProviders();
  const web = express();
  const server = web.listen(0, '127.0.0.1');
  await once(server, 'listening');
  close = () => server.close();
  app = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handler = createConnectHandler({
    basePath: '/api/connect',
    origin: app,
    secret: 'a-test-secret-of-at-least-32-characters',
    getUser: () => 'user-1',
    onConnected: (event) => void connected.push(event.sessionId),
    gigs: { ...mock.handlerConfig.gigs, intent: { type: 'viewSubscriptions' } },
  });
  web.use(nodeListener(handler, app));
  web.use(express.static('dist'));
  web.get('/{*path}', (_request, response) => response.sendFile('index.html', { root: 'dist' }));
});
test.afterAll(async () => {
  close();
  await mock.close();
});

test('Connect Gigs in a popup, to the success screen', async ({ context, page }) => {
  // Errors on the app's pages (the mock's hosted page in the popup is not the app's).
  const errors: string[] = [];
  context.on('console', (message) => {
    const own = message.location().url.startsWith(app);
    if (message.type() === 'error' && own) errors.push(message.text());
  });
  context.on('weberror', (error) => void errors.push(error.error().message));

  await page.goto(app);
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Connect Gigs' }).click(),
  ]);
  await popup.locator('button[data-outcome="success"]').click();
  const screen = page.locator('[data-state]'); // the outcome's screen
  await screen.waitFor();
  await expect(screen).toHaveAttribute('data-state', 'success');
  expect(connected).toHaveLength(1);
  expect(errors).toEqual([]);
});
