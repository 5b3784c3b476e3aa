import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../redisServer';
import { buildHost, Host } from './hostProcess';

// Fan-out across processes: two handler processes share one real redis-server; the webhook
// reaches instance A while the user's event stream is open on instance B.

let redis: RedisServer;
let built: Awaited<ReturnType<typeof buildHost>> | undefined;
const hosts: Host[] = [];

beforeAll(async () => {
  built = await buildHost('eventsHost');
  redis = await RedisServer.start();
}, 60_000);

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.kill()));
  await redis?.stop();
  built?.remove();
});

const start = (client: string) => {
  const host = new Host(built!.file, { REDIS_PORT: String(redis.port), CLIENT: client });
  hosts.push(host);
  return host.ready();
};

/** A signed Emerge delivery for a uid (`user-1`'s by default), sent to a host. */
async function deliver(host: Host, event: string, sources: object[], uid = 'psub_shared') {
  // A body of its own: the same signed body again is the same delivery (a duplicate).
  const timestamp = new Date().toISOString();
  const body = JSON.stringify({ event, timestamp, uid, client_id: 'client', sources });
  const signature = createHmac('sha256', 'emerge-webhook-secret').update(body).digest('hex');
  const response = await fetch(`http://127.0.0.1:${host.port}/api/connect/webhook/emerge`, {
    method: 'POST',
    body,
    headers: { 'x-signature': signature, 'idempotency-key': randomUUID() },
    signal: AbortSignal.timeout(15_000),
  });
  return response.status;
}

/** Opens the user's stream on a host: a reader of its text, from the first bytes on. */
async function openStream(host: Host, user: string) {
  const client = new AbortController();
  const response = await fetch(`http://127.0.0.1:${host.port}/api/connect/events`, {
    headers: { 'x-test-user': user },
    signal: client.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  /** Reads until the text holds `until` (20 s at most). */
  async function until(wanted: string): Promise<string> {
    const deadline = setTimeout(() => client.abort(), 20_000);
    try {
      while (!text.includes(wanted)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      clearTimeout(deadline);
    }
    return text;
  }
  // The first bytes come once B has subscribed: from here on nothing is missed.
  await until('retry: 5000\n\n');
  return { response, until, close: () => client.abort() };
}

describe.each([
  ['ioredis', 'node-redis'],
  ['node-redis', 'ioredis'],
])('two handler processes on one Redis: A on %s, B on %s', (clientA, clientB) => {
  it("a webhook that reaches A reaches the user's stream on B", async () => {
    const [a, b] = await Promise.all([start(clientA), start(clientB)]);
    const stream = await openStream(b, 'user-1');
    const bystander = await openStream(b, 'user-2');
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');

    expect(await deliver(a, 'data.ready', [{ provider: 'google_data' }])).toBe(200);
    const expiring = [
      { provider: 'gmail', valid_until: '2026-04-01T00:00:00Z', days_until_expiry: 5 },
    ];
    expect(await deliver(a, 'consent.expiring', expiring)).toBe(200);

    const text = await stream.until('event: consent');
    expect(text).toMatch(
      /^retry: 5000\n\nid: [0-9a-f-]{36}\nevent: export\ndata: \{"provider":"emerge","status":"ready","source":"google_data"\}\n\n/,
    );
    expect(text).toContain(
      'data: {"provider":"emerge","status":"expiring","source":"gmail","validUntil":"2026-04-01T00:00:00.000Z","daysUntilExpiry":5}',
    );
    expect(text).not.toContain('psub_shared');
    expect(a.count(/^onWebhook /)).toBe(2);
    expect([...a.lines, ...b.lines].filter((line) => line.startsWith('onError'))).toEqual([]);
    // Another user's stream on B gets its own event only.
    expect(await deliver(a, 'data.failed', [], 'psub_other')).toBe(200);
    const theirs = await bystander.until('event: export');
    expect(theirs.match(/^event: /gm)).toEqual(['event: ']);
    expect(theirs).toContain('"status":"failed"');
    stream.close();
    bystander.close();
  }, 60_000);
});
