#!/usr/bin/env node
// `npm run bench:push` (part of `npm run bench`): push, measured as issue 18 asks.
// Two handler processes (scripts/bench-push-host.mjs) share Debian's redis-server (redisStore
// and redisEvents on ioredis); the mock providers (react-connect-flow/testing) run here. Webhooks
// go to instance A; the page, in Debian's Chromium, is on instance B.
// 1. Latency: from sending a signed `data.ready` webhook to A to the `export` event in the page
//    on B (`Date.now()` on both sides: one machine, one clock), p50 and p99 over BENCH_EVENTS
//    (200) events, one at a time.
// 2. Requests: for BENCH_EXPORTS (30) users, each with a fresh consent (the mock Emerge link),
//    the page mounts `<ExportStatus basePath>`, the export gets ready at the mock, then one
//    `data.ready` webhook names its two sources: the export-status reads B served for that user
//    until the page shows ready, against the goal 1 + events + reconnects. Today's polling
//    schedule, for the same exports, is `npm run bench:polling`.
// 3. Memory: B's RSS and heap with 1,000 open event streams, and after they close.
// Figures to read, not gates.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import Redis from 'ioredis';
import puppeteer from 'puppeteer-core';
import { loadTs } from '../demo/loadTs.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eventCount = Number(process.env.BENCH_EVENTS ?? 200);
const exportCount = Number(process.env.BENCH_EXPORTS ?? 30);
const streamCount = Number(process.env.BENCH_STREAMS ?? 1000);
const exportDelay = 1500;
const cache = path.join(root, 'node_modules/.cache/rcf-bench-push');
mkdirSync(cache, { recursive: true });

const children = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Starts a process and resolves with the first stdout match of `ready`. */
function start(command, args, env, ready) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start`)), 30_000);
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffer += chunk;
      const match = ready.exec(buffer);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args[0]} exited (${code})`)));
  });
}

async function bundles() {
  const serverModule = path.join(cache, 'server.mjs');
  const pageScript = path.join(cache, 'page.js');
  await build({
    entryPoints: [path.join(root, 'src/server/index.ts')],
    outfile: serverModule,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(root, 'scripts/bench-push-page.tsx')],
    outfile: pageScript,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return { serverModule, pageScript };
}

const statsOf = async (origin) => (await fetch(`${origin}/__stats`)).json();

/** A consent at the mock Emerge, as a user gives it: the uid its redirect carries. */
async function consent(mock, createEmergeLink) {
  const { clientId, signingSecret, linkBaseUrl } = mock.handlerConfig.emerge;
  const link = await createEmergeLink({
    clientId,
    signingSecret,
    redirectUri: 'http://127.0.0.1:1/connect/callback',
    state: 'bench-state-of-at-least-sixteen',
    baseUrl: linkBaseUrl,
  });
  const answer = await fetch(`${link}&auto=success&autoRedirect=1`, { redirect: 'manual' });
  const uid = new URL(answer.headers.get('location') ?? '').searchParams.get('uid');
  if (!uid) throw new Error('the mock consent gave no uid');
  return uid;
}

/** A page on `origin` for `user`, with its event stream open. */
async function openPage(browser, origin, user) {
  const page = await browser.newPage();
  await page.setCookie({ name: 'bench_user', value: user, url: origin });
  await page.goto(origin);
  await page.waitForFunction('window.streamOpen === true', { timeout: 15_000 });
  return page;
}

async function latency(context) {
  const { browser, b, webhook, uid } = context;
  const page = await openPage(browser, b, 'latency');
  const latencies = [];
  for (let index = 0; index < eventCount; index += 1) {
    const sent = Date.now();
    const answer = await webhook({ event: 'data.ready', uid, sources: [{ provider: 'gmail' }] });
    if (!answer.ok) throw new Error(`webhook answered ${answer.status}`);
    await page.waitForFunction(`window.arrivals.length > ${index}`, {
      polling: 5,
      timeout: 10_000,
    });
    const arrival = await page.evaluate((at) => window.arrivals[at].at, index);
    latencies.push(arrival - sent);
  }
  await page.close();
  return latencies;
}

async function requests(context) {
  const { browser, b, webhook, mock, redis, createEmergeLink } = context;
  const reads = [];
  for (let index = 0; index < exportCount; index += 1) {
    const user = `export${index}`;
    const uid = await consent(mock, createEmergeLink);
    await redis.set(`bench:uid:${user}`, uid);
    const page = await openPage(browser, b, user);
    await sleep(exportDelay + 200); // the mock export is ready; the page does not know yet
    const sources = [{ provider: 'google_data' }, { provider: 'gmail' }];
    await webhook({ event: 'data.ready', uid, sources });
    await page.waitForSelector('[data-state="ready"]', { timeout: 20_000 });
    await sleep(300); // a read still in flight is counted too
    reads.push((await statsOf(b)).reads[user] ?? 0);
    await page.close();
  }
  return reads;
}

async function memory(b) {
  const before = await statsOf(b);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const requests = [];
  await Promise.all(
    Array.from(
      { length: streamCount },
      () =>
        new Promise((resolve, reject) => {
          const request = http.get(
            `${b}/api/connect/events`,
            { agent, headers: { cookie: 'bench_user=latency' } },
            (response) => {
              response.once('data', () => resolve());
              response.resume();
            },
          );
          request.once('error', reject);
          requests.push(request);
        }),
    ),
  );
  await sleep(1000);
  const open = await statsOf(b);
  for (const request of requests) request.destroy();
  await sleep(2000);
  const closed = await statsOf(b);
  return { before, open, closed };
}

let browser;
try {
  const { serverModule, pageScript } = await bundles();
  const { startMockProviders } = await loadTs('src/testing/index.ts');
  const { createEmergeLink } = await import(serverModule);
  const mock = await startMockProviders({
    exportDelays: { google_data: exportDelay, gmail: exportDelay },
  });
  const redisPort = await freePort();
  await start(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    /Ready to accept connections/,
  );
  const redis = new Redis({ port: redisPort });
  const hostEnv = {
    REDIS_PORT: String(redisPort),
    RCF_SERVER_MODULE: serverModule,
    RCF_PAGE_SCRIPT: pageScript,
    EMERGE_CONFIG: JSON.stringify(mock.handlerConfig.emerge),
    NODE_ENV: 'bench',
  };
  const host = async () => {
    const match = await start(
      process.execPath,
      ['scripts/bench-push-host.mjs'],
      hostEnv,
      /listening (\d+)/,
    );
    return `http://127.0.0.1:${match[1]}`;
  };
  const [a, b] = [await host(), await host()];
  browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const uid = await consent(mock, createEmergeLink);
  await redis.set('bench:uid:latency', uid);
  const webhook = (event) => mock.sendEmergeWebhook(`${a}/api/connect/webhook/emerge`, event);
  const context = { browser, b, webhook, mock, redis, uid, createEmergeLink };

  console.log(
    `Push bench: ${eventCount} events, ${exportCount} exports, ${streamCount} streams...`,
  );
  const latencies = await latency(context);
  const reads = await requests(context);
  const { before, open, closed } = await memory(b);
  const goal = 1 + 2; // one read on mount, one per event (two sources), no reconnect

  console.log('\n| measure | figure | note |\n|---|---:|---|');
  console.log(
    `| webhook at A → event in the page on B, p50 | ${percentile(latencies, 50)} ms | ${latencies.length} events, one at a time |`,
  );
  console.log(
    `| webhook at A → event in the page on B, p99 | ${percentile(latencies, 99)} ms | goal < 1000 ms |`,
  );
  console.log(
    `| export-status reads per export, median | ${percentile(reads, 50)} | ${reads.length} exports; goal ≤ ${goal} (1 + 2 events + 0 reconnects) |`,
  );
  console.log(
    `| export-status reads per export, max | ${Math.max(...reads)} | polling, same exports: \`npm run bench:polling\` |`,
  );
  console.log(
    `| B with ${streamCount} open streams | ${mb(open.rss)} RSS, ${mb(open.heapUsed)} heap | before: ${mb(before.rss)} RSS, ${mb(before.heapUsed)} heap; ${open.subscribers} live subscriptions |`,
  );
  console.log(
    `| B after they closed | ${mb(closed.rss)} RSS, ${mb(closed.heapUsed)} heap | ${closed.subscribers} subscriptions left |`,
  );
  await redis.quit();
  await mock.close();
} finally {
  await browser?.close();
  for (const child of children) child.kill();
}
