import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../redisServer';
import { buildHost, Host } from './hostProcess';

// The proof of "no webhook acknowledged and then lost" across processes: handler processes
// (node:http + nodeListener) sharing one real redis-server, one killed with SIGKILL inside
// onWebhook, and Redis itself stopped and started again mid-run.

// Short, to keep the test short; long enough that a busy machine still retries within it.
const lease = 8;

/** A signed Emerge delivery of its own body, sent to a host; answers in 15 s or throws. */
async function deliver(host: Host, key: string) {
  const body = JSON.stringify({ event: 'data.ready', uid: `psub_${key}`, sources: [] });
  const signature = createHmac('sha256', 'emerge-webhook-secret').update(body).digest('hex');
  const response = await fetch(`http://127.0.0.1:${host.port}/api/connect/webhook/emerge`, {
    method: 'POST',
    body,
    headers: { 'x-signature': signature, 'idempotency-key': key },
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

/** Delivers again every half second until the answer is not a 503 (45 s at most). */
async function deliverUntilHandled(host: Host, key: string) {
  const until = Date.now() + 45_000;
  for (;;) {
    const answer = await deliver(host, key);
    if (answer.status !== 503 || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

let redis: RedisServer;
const hosts: Host[] = [];
const start = (env: Record<string, string>) => {
  const host = new Host(built!.file, {
    REDIS_PORT: String(redis.port),
    LEASE: String(lease),
    ...env,
  });
  hosts.push(host);
  return host.ready();
};

let built: Awaited<ReturnType<typeof buildHost>> | undefined;

beforeAll(async () => {
  built = await buildHost('faultHost');
  redis = await RedisServer.start();
}, 60_000);

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.kill()));
  await redis?.stop();
  built?.remove();
});

describe('two handler processes on one Redis', () => {
  it('one killed inside onWebhook: the other answers 503 while the lease lives, then handles it', async () => {
    const [dying, survivor] = await Promise.all([
      start({ CLIENT: 'ioredis', HANG: '1' }),
      start({ CLIENT: 'node-redis' }),
    ]);
    const cut = deliver(dying, 'crash-1').catch((error: unknown) => error);
    await dying.line(/^onWebhook crash-1$/);
    await dying.kill('SIGKILL');
    expect(await cut).toBeInstanceOf(Error);

    const during = await deliver(survivor, 'crash-1');
    expect(during).toMatchObject({ status: 503, retryAfter: String(lease) });
    expect(during.body).toEqual({ error: 'delivery_in_progress' });

    const after = await deliverUntilHandled(survivor, 'crash-1');
    expect(after).toMatchObject({ status: 200, body: { received: true } });
    expect(survivor.count(/^handled crash-1$/)).toBe(1);
    expect(await deliver(survivor, 'crash-1')).toMatchObject({
      status: 200,
      body: { duplicate: true },
    });
    expect(survivor.count(/^onWebhook crash-1$/)).toBe(1);
  }, 90_000);

  it('Redis stopped mid-run: 503s and never a 2xx while it is down, handled once it is back', async () => {
    const both = await Promise.all([start({ CLIENT: 'ioredis' }), start({ CLIENT: 'node-redis' })]);
    expect(await deliver(both[0], 'before-1')).toMatchObject({ status: 200 });

    await redis.stop();
    const down = await Promise.all(
      both.flatMap((host) => [deliver(host, 'down-1'), deliver(host, 'before-1')]),
    );
    expect(down.map((answer) => answer.status)).toEqual([503, 503, 503, 503]);
    for (const host of both) await host.line(/^onError 503 store_unavailable /);
    expect(both.map((host) => host.count(/^onWebhook down-1$/))).toEqual([0, 0]);

    await redis.start();
    const answers = [];
    for (const host of both) answers.push(await deliverUntilHandled(host, 'down-1'));
    // The first to get through handles it; the other then finds it done.
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => answer.body)).toContainEqual({ received: true });
    expect(both.reduce((sum, host) => sum + host.count(/^handled down-1$/), 0)).toBe(1);
  }, 120_000);
});
