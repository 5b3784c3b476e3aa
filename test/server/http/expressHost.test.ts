// Express 5 as users wire it: `app.use(nodeListener(handler, origin))` among other middleware.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeListener } from '../../../src/server/http/nodeListener';
import { basePath, mockProvidersForFile, state, testHandler } from '../handlerFixture';

const providers = mockProvidersForFile();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

async function serve(app: express.Express): Promise<string> {
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const launchInit = (origin: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin },
  body: JSON.stringify({ state }),
});

function webhookInit(): RequestInit {
  const body = JSON.stringify({ event: 'data.ready', uid: 'psub_1', data: {} });
  const signature = createHmac('sha256', 'emerge-webhook-secret').update(body).digest('hex');
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature },
    body,
  };
}

describe('Express 5', () => {
  it('passes paths outside basePath on to the next middleware, and 404s unknown ones inside', async () => {
    const { handler } = testHandler(providers());
    const app = express();
    app.use(nodeListener(handler, 'http://127.0.0.1:3000'));
    app.get('/', (_req, res) => void res.send('home'));
    const origin = await serve(app);
    expect(await (await fetch(`${origin}/`)).text()).toBe('home');
    const unknown = await fetch(`${origin}${basePath}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found' });
  });

  it('launches with express.json() in front: the parsed body is used', async () => {
    const { handler } = testHandler(providers());
    const app = express();
    app.use(express.json());
    const origin = await serve(app);
    app.use(nodeListener(handler, origin));
    const response = await fetch(`${origin}${basePath}/launch/gigs`, launchInit(origin));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: expect.stringMatching(/^csn_/) });
  });

  it('takes a text body too (express.text())', async () => {
    const { handler } = testHandler(providers());
    const app = express();
    app.use(express.text({ type: '*/*' }));
    const origin = await serve(app);
    app.use(nodeListener(handler, origin));
    const response = await fetch(`${origin}${basePath}/launch/gigs`, launchInit(origin));
    expect(response.status).toBe(200);
  });

  it('refuses a webhook whose body express.json() parsed (500 body_parsed), saying what to do', async () => {
    const onError = vi.fn();
    const onWebhook = vi.fn();
    const { handler } = testHandler(providers(), { onError, onWebhook });
    const app = express();
    app.use(express.json());
    app.use(nodeListener(handler, 'http://127.0.0.1:3000'));
    const origin = await serve(app);
    const response = await fetch(`${origin}${basePath}/webhook/emerge`, webhookInit());
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'body_parsed' });
    expect(onWebhook).not.toHaveBeenCalled();
    const [error, info] = onError.mock.calls[0] as [Error, object];
    expect(error.message).toMatch(/express\.raw/);
    expect(error.message).toMatch(/before express\.json\(\)/);
    expect(info).toEqual({
      route: 'webhook',
      provider: 'emerge',
      status: 500,
      code: 'body_parsed',
    });
  });

  it('verifies a webhook whose raw bytes express.raw() kept', async () => {
    const onWebhook = vi.fn();
    const { handler } = testHandler(providers(), { onWebhook });
    const app = express();
    app.use(`${basePath}/webhook`, express.raw({ type: '*/*' }));
    app.use(express.json());
    app.use(nodeListener(handler, 'http://127.0.0.1:3000'));
    const origin = await serve(app);
    const response = await fetch(`${origin}${basePath}/webhook/emerge`, webhookInit());
    expect(response.status).toBe(200);
    expect(onWebhook).toHaveBeenCalledOnce();
  });

  it('verifies a webhook when nodeListener is mounted before express.json()', async () => {
    const onWebhook = vi.fn();
    const { handler } = testHandler(providers(), { onWebhook });
    const app = express();
    app.use(nodeListener(handler, 'http://127.0.0.1:3000'));
    app.use(express.json());
    const origin = await serve(app);
    const response = await fetch(`${origin}${basePath}/webhook/emerge`, webhookInit());
    expect(response.status).toBe(200);
    expect(onWebhook).toHaveBeenCalledOnce();
  });
});
