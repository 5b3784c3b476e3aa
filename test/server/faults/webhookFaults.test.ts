import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../redisServer';

// The proof of "no webhook acknowledged and then lost" across processes: handler processes
// (node:http + nodeListener) sharing one real redis-server, one killed with SIGKILL inside
// onWebhook, and Redis itself stopped and started again mid-run.

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Under node_modules, so the host's `ioredis` and `redis` imports resolve.
const cache = path.join(root, 'node_modules/.cache/rcf-fault-tests');
const hostFile = path.join(cache, `faultHost-${randomUUID()}.mjs`);
// Short, to keep the test short; long enough that a busy machine still retries within it.
const lease = 8;

/** One handler process: its stdout lines, its port. Every wait is bounded. */
class Host {
  readonly lines: string[] = [];
  port = 0;
  readonly #child: ChildProcess;
  #listeners: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    this.#child = spawn(process.execPath, [hostFile], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    this.#child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const listener of this.#listeners) listener();
    });
  }

  /** Resolves with the first line matching, or rejects after `timeoutMs`. */
  line(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find((each) => pattern.test(each));
        if (!found) return;
        clearTimeout(timer);
        this.#listeners = this.#listeners.filter((each) => each !== check);
        resolve(found);
      };
      const timer = setTimeout(
        () => reject(new Error(`no line ${pattern} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#listeners.push(check);
      check();
    });
  }

  async ready(): Promise<this> {
    this.port = Number((await this.line(/^listening \d+/)).split(' ')[1]);
    return this;
  }

  count(pattern: RegExp): number {
    return this.lines.filter((each) => pattern.test(each)).length;
  }

  /** Kills it with `signal` and waits for its exit (10 s at most). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill(signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
}

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
  const host = new Host({ REDIS_PORT: String(redis.port), LEASE: String(lease), ...env });
  hosts.push(host);
  return host.ready();
};

beforeAll(async () => {
  mkdirSync(cache, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'test/server/faults/faultHost.ts')],
    outfile: hostFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  redis = await RedisServer.start();
}, 60_000);

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.kill()));
  await redis?.stop();
  rmSync(hostFile, { force: true });
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
