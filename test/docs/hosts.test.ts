import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { startMockProviders, type MockProviders } from 'react-connect-flow/testing';
import { gigsFlow } from '../hosts/gigsFlow.mjs';

/*
 * The host recipes in docs/ (examples/hosts/*.ts, printed verbatim and checked so by
 * scripts/check-docs.mjs) run here as printed: the shared `connect.ts`, then each host's file
 * on a free port. The names they leave to the app (`env`, `auth`, `db`) are set on globalThis,
 * and the one thing that differs from production, where Gigs lives, is a fetch that sends
 * `https://api.gigs.com` to the mock. One Gigs flow each (test/hosts/gigsFlow.mjs, shared with
 * scripts/test-hosts.mjs), over real HTTP, no console error.
 */

interface Closable {
  close(callback?: () => void): unknown;
}

const saved: { userId: string; provider: string; id: string | undefined }[] = [];
let mock: MockProviders;
const realFetch = globalThis.fetch;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  mock = await startMockProviders();
  const gigs = mock.handlerConfig.gigs;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = request.url.replace('https://api.gigs.com', gigs.baseUrl);
    return realFetch(new Request(url, request));
  });
  vi.stubGlobal('auth', { userId: async () => 'user-1' });
  vi.stubGlobal('db', {
    connections: {
      save: async (connection: { user: string; provider: string; id: string | undefined }) =>
        void saved.push({
          userId: connection.user,
          provider: connection.provider,
          id: connection.id,
        }),
      emergeUid: async () => undefined,
    },
  });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  await mock.close();
});
afterEach(() => vi.resetModules());

describe.each([
  ['node:http', 'node-http'],
  ['Express 5', 'express'],
  ['Hono on Node', 'hono-node'],
])('the %s recipe, as printed', (_host, file) => {
  it('serves one Gigs flow to its verified result, with no console error', async () => {
    const port = await freePort();
    const app = `http://127.0.0.1:${port}`;
    vi.stubEnv('PORT', String(port));
    vi.stubGlobal('env', {
      APP_ORIGIN: app,
      CONNECT_SECRET: 'a-test-secret-of-at-least-32-characters',
      GIGS_API_TOKEN: mock.handlerConfig.gigs.apiToken,
      GIGS_PROJECT: mock.handlerConfig.gigs.project,
    });
    const consoleError = vi.spyOn(console, 'error');
    const { server } = (await import(`../../examples/hosts/${file}.ts`)) as { server: Closable };
    try {
      await vi.waitFor(async () =>
        expect((await realFetch(`${app}/api/connect/result`)).ok).toBe(true),
      );
      saved.length = 0;
      const { outcome } = await gigsFlow(app);
      expect(outcome).toMatchObject({ screen: 'success', verified: true });
      expect(saved).toEqual([{ userId: 'user-1', provider: 'gigs', id: outcome.sessionId }]);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
