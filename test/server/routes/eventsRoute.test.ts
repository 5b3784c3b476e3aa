import { createHmac } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryEvents } from '../../../src/server/events/memoryEvents';
import { handlerContext } from '../../../src/server/handlerContext';
import { nodeListener } from '../../../src/server/http/nodeListener';
import { eventsRoute } from '../../../src/server/routes/eventsRoute';
import { memoryDedupeStore } from '../../../src/server/stores/dedupeStore';
import { app, basePath, secret, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();
const uid = 'psub_0123456789abcdef0123456789abcdef';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A signed Emerge delivery of `event` for the uid, as the webhook route takes it. */
function delivery(event: string, sources: object[], key = `key-${Math.random()}`) {
  const body = JSON.stringify({ event, uid, client_id: 'c', sources });
  const signature = createHmac('sha256', 'emerge-webhook-secret').update(body).digest('hex');
  return { method: 'POST', body, headers: { 'x-signature': signature, 'idempotency-key': key } };
}

/** Reads a stream's text until it holds `until`; a bounded wait. */
async function readUntil(body: ReadableStream<Uint8Array>, until: string): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = AbortSignal.timeout(10_000);
  while (!text.includes(until) && !deadline.aborted) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text;
}

describe('GET {basePath}/events', () => {
  it('401 without a signed-in user', async () => {
    const run = testHandler(providers());
    run.user.id = undefined;
    const response = await run.call(`${basePath}/events`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthenticated' });
  });

  it('streams the webhooks of the user as SSE: retry hint, then each event with an id', async () => {
    const events = memoryEvents();
    const run = testHandler(providers(), { events });
    run.uids.set('user-1', uid);
    const client = new AbortController();
    const response = await run.call(`${basePath}/events`, { signal: client.signal });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    // The answer came once subscribed: nothing published from now on is missed.
    expect(events.subscriberCount()).toBe(1);
    await run.call(`${basePath}/webhook/emerge`, delivery('data.ready', [{ provider: 'gmail' }]));
    const expiring = [
      { provider: 'google_data', valid_until: '2026-03-20T00:00:00Z', days_until_expiry: 6 },
    ];
    await run.call(`${basePath}/webhook/emerge`, delivery('consent.expiring', expiring));
    const text = await readUntil(response.body!, 'event: consent');
    expect(text).toMatch(
      /^retry: 5000\n\nid: [0-9a-f-]{36}\nevent: export\ndata: \{"provider":"emerge","status":"ready","source":"gmail"\}\n\n/,
    );
    expect(text).toMatch(
      /\nid: [0-9a-f-]{36}\nevent: consent\ndata: \{"provider":"emerge","status":"expiring","source":"google_data","validUntil":"2026-03-20T00:00:00.000Z","daysUntilExpiry":6\}\n\n$/,
    );
    expect(text).not.toContain(uid);
    expect(JSON.stringify(Object.fromEntries(response.headers))).not.toContain(uid);
    client.abort();
    expect(events.subscriberCount()).toBe(0);
  });

  it("another user's webhook does not reach the stream", async () => {
    const events = memoryEvents();
    const run = testHandler(providers(), { events });
    run.uids.set('user-1', 'psub_someone_else');
    const client = new AbortController();
    const response = await run.call(`${basePath}/events`, { signal: client.signal });
    await run.call(`${basePath}/webhook/emerge`, delivery('data.ready', []));
    // A second stream, of the webhook's user, proves the webhook was published.
    run.uids.set('user-1', uid);
    const other = new AbortController();
    const theirs = await run.call(`${basePath}/events`, { signal: other.signal });
    await run.call(`${basePath}/webhook/emerge`, delivery('data.failed', []));
    expect(await readUntil(theirs.body!, 'event: export')).toContain('"status":"failed"');
    client.abort();
    other.abort();
    expect(await response.text()).toBe('retry: 5000\n\n');
  });
});

describe('GET {basePath}/events: a user with no uid yet', () => {
  it('answers at once, and looks the uid up again at each heartbeat until it subscribes', async () => {
    const events = memoryEvents();
    const run = testHandler(providers(), { events });
    const getEmergeUid = vi.fn((user: string) => run.uids.get(user));
    const config = { ...configOf(run, events), getEmergeUid };
    const settings = {
      secret,
      usedFlows: memoryDedupeStore(),
      events: () => events,
      onError: vi.fn(),
    };
    const route = eventsRoute({ heartbeatMs: 20 });
    const client = new AbortController();
    const request = new Request(`${app}${basePath}/events`, { signal: client.signal });
    const response = await route(request, handlerContext(config, request, settings));
    expect(events.subscriberCount()).toBe(0);
    await vi.waitFor(() => expect(getEmergeUid.mock.calls.length).toBeGreaterThanOrEqual(3));
    run.uids.set('user-1', uid);
    await vi.waitFor(() => expect(events.subscriberCount()).toBe(1));
    const calls = getEmergeUid.mock.calls.length;
    await run.call(
      `${basePath}/webhook/emerge`,
      delivery('consent.given', [{ provider: 'gmail' }]),
    );
    const text = await readUntil(response.body!, 'event: consent');
    expect(text).toMatch(/^retry: 5000\n\n(: ping\n\n)+/);
    expect(text).toContain('"status":"given"');
    // Subscribed: no more lookups.
    expect(getEmergeUid.mock.calls.length).toBe(calls);
    client.abort();
    expect(events.subscriberCount()).toBe(0);
  });
});

/** The configuration the fixture's handler was made with, for calling a route directly. */
function configOf(run: ReturnType<typeof testHandler>, events: ReturnType<typeof memoryEvents>) {
  return {
    basePath,
    secret,
    getUser: () => run.user.id,
    onConnected: () => {},
    emerge: { clientId: 'c', signingSecret: 's', apiToken: 't' },
    events,
  };
}

describe('GET {basePath}/events through nodeListener on node:http', () => {
  /** Opens a stream and waits for its first bytes (subscribed by then): those, and a cut. */
  function open(origin: string): Promise<{ first: string; cut: () => void }> {
    return new Promise((resolve, reject) => {
      const request = get(`${origin}${basePath}/events`, { agent: false }, (response) => {
        response.once('data', (chunk: Buffer) =>
          resolve({ first: chunk.toString(), cut: () => request.destroy() }),
        );
      });
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    });
  }

  const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

  it('1,000 connects and disconnects leave no subscription and no timer behind', async () => {
    const events = memoryEvents();
    const run = testHandler(providers(), { events });
    run.uids.set('user-1', uid);
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', nodeListener(run.handler, origin));
    const baseline = timers();
    const batch = 50;
    for (let done = 0; done < 1000; done += batch) {
      const streams = await Promise.all(Array.from({ length: batch }, () => open(origin)));
      expect(new Set(streams.map((each) => each.first))).toEqual(new Set(['retry: 5000\n\n']));
      // All open at once: one subscription and one heartbeat timer each.
      expect(events.subscriberCount()).toBe(batch);
      expect(timers()).toBeGreaterThanOrEqual(batch);
      for (const stream of streams) stream.cut();
      await vi.waitFor(() => expect(events.subscriberCount()).toBe(0), { timeout: 10_000 });
    }
    await vi.waitFor(() => expect(timers()).toBeLessThanOrEqual(baseline), { timeout: 10_000 });
  }, 120_000);
});
