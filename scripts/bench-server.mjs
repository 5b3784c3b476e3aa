#!/usr/bin/env node
// `npm run bench:server` (part of `npm run bench`): the server half under load, against bare
// servers in the same run. autocannon (this process) and the mock providers run on CPU 0; each
// server under test runs alone on CPU 1 (taskset), one after the other:
// - `bare`: node:http answering a fixed JSON, the yardstick for the callback (no provider call);
// - `fetch-through`: node:http making the Gigs call a launch makes, with plain fetch, the
//   yardstick for the launch;
// - `handler`: createConnectHandler on nodeListener (flowLifetime: 30): launch, then a callback
//   for each flow the launch made; twice, each round followed by twice the TTL at rest, then the
//   RSS (the memory flow store must forget what expired).
// Each server gets a short warm-up first. Besides rates and latencies, the host's CPU µs per
// request (its process.cpuUsage): on a shared machine, rates swing with the neighbours' load,
// CPU per request much less. Figures to read, not gates. BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 32).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { loadTs } from '../demo/loadTs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ttl = 30;
// Twice the TTL at rest; shorter only to smoke-test this script.
const rest = Number(process.env.BENCH_REST_SECONDS ?? 2 * ttl);

if (!process.env.RCF_BENCH_PINNED) {
  // Re-run pinned to CPU 0, so autocannon never shares a core with the server it drives.
  const pinned = spawnSync(
    'taskset',
    ['-c', '0', process.execPath, fileURLToPath(import.meta.url)],
    {
      stdio: 'inherit',
      env: { ...process.env, RCF_BENCH_PINNED: '1' },
    },
  );
  process.exit(pinned.status ?? 1);
}

const children = [];
/** Starts a process on `cpu` and resolves with the first stdout line matching `ready`. */
function start(cpu, args, env, ready) {
  const child = spawn('taskset', ['-c', cpu, process.execPath, '--expose-gc', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start`)), 60_000);
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffer += chunk;
      const match = ready.exec(buffer);
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code})`)));
  });
}
const stop = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill();
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const cache = path.join(root, 'node_modules/.cache/rcf-bench-server');
mkdirSync(cache, { recursive: true });
const serverModule = path.join(cache, `server-${process.pid}.mjs`);
await build({
  entryPoints: [path.join(root, 'src/server/index.ts')],
  outfile: serverModule,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { mockSecrets } = await loadTs('src/testing/mockConfig.ts');
const mock = await start(
  '0',
  ['demo/providers/cli.mjs', '--port', '0'],
  {},
  /Mock providers on (\S+)/,
);
const hostEnv = {
  MOCK_ORIGIN: mock.match[1],
  GIGS_TOKEN: mockSecrets.gigs.token,
  GIGS_PROJECT: mockSecrets.gigs.project,
  RCF_SERVER_MODULE: serverModule,
  NODE_ENV: 'bench',
};
const host = async (mode) => {
  const started = await start(
    '1',
    ['scripts/bench-server-host.mjs', mode],
    hostEnv,
    /listening (\d+)/,
  );
  return { child: started.child, url: `http://127.0.0.1:${started.match[1]}` };
};
/** The host's RSS, used heap and `onConnected` count. */
const statsOf = async (url) => (await fetch(`${url}/__stats`)).json();
/** The host's CPU time so far, in µs (no GC first): per request, a figure that a busy machine blurs less than a rate. */
const cpuOf = async (url) => (await (await fetch(`${url}/__cpu`)).json()).cpu;
/** `run`'s result, and the host's CPU µs per request it made. */
async function measured(url, run) {
  const before = await cpuOf(url);
  const result = await run();
  const total = (result.result ?? result).requests.total;
  return { ...result, cpu: ((await cpuOf(url)) - before) / Math.max(1, total) };
}

/** One autocannon run; `options` adds to the defaults. */
const load = (url, options) =>
  autocannon({ url, connections, ...(options.amount ? {} : { duration: seconds }), ...options });

const state = 'S'.repeat(43);
const launchRequest = (url) => ({
  method: 'POST',
  path: '/api/connect/launch/gigs',
  headers: { 'content-type': 'application/json', origin: url },
  body: JSON.stringify({ state, mode: 'redirect' }),
});

/** A launch run that keeps each flow it made (the cookie and the session) for the callbacks. */
async function launches(url, options = {}) {
  const flows = [];
  const result = await load(url, {
    ...options,
    requests: [
      {
        ...launchRequest(url),
        onResponse(status, body, _context, headers) {
          if (status !== 200) return;
          const name = Object.keys(headers).find((each) => each.toLowerCase() === 'set-cookie');
          const cookies = [headers[name ?? '']].flat().filter(Boolean);
          const cookie = cookies.map((line) => line.split(';')[0]).join('; ');
          flows.push({ cookie, id: JSON.parse(body).id });
        },
      },
    ],
  });
  return { result, flows };
}

/** One callback per flow, each used once. */
async function callbacks(url, flows) {
  if (!flows.length) throw new Error('no launch succeeded: nothing to call back');
  let next = 0;
  return load(url, {
    amount: flows.length,
    requests: [
      {
        method: 'GET',
        setupRequest(request) {
          const flow = flows[next++ % flows.length];
          return {
            ...request,
            path: `/api/connect/callback/gigs?session_id=${flow.id}&status=success`,
            headers: { cookie: flow.cookie },
          };
        },
      },
    ],
  });
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const perSecond = (result, ok) =>
  (result.statusCodeStats?.[ok]?.count ?? 0) / (result.duration || seconds);
const figures = (result, ok, cpu) => ({
  cpu,
  rate: perSecond(result, ok),
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts,
  other: result.requests.total - (result.statusCodeStats?.[ok]?.count ?? 0),
});

const rows = [];
try {
  console.log(`Server bench: ${seconds} s runs, ${connections} connections...`);
  const bare = await host('bare');
  await load(bare.url, { duration: 2 });
  const bareResult = await measured(bare.url, () => load(bare.url, {}));
  const bareFigures = figures(bareResult, 200, bareResult.cpu);
  await stop(bare.child);
  const through = await host('fetch-through');
  const throughRequest = {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  };
  await load(through.url, { ...throughRequest, duration: 2 });
  const throughResult = await measured(through.url, () => load(through.url, throughRequest));
  const throughFigures = figures(throughResult, 200, throughResult.cpu);
  await stop(through.child);

  const handler = await host('handler');
  // A short warm-up (the JIT), then the memory at rest.
  const warm = await launches(handler.url, { duration: 3 });
  if (warm.flows.length) await callbacks(handler.url, warm.flows);
  const memory = [await statsOf(handler.url)];
  const rounds = [];
  for (let round = 1; round <= 2; round += 1) {
    const { result, flows, cpu } = await measured(handler.url, () => launches(handler.url));
    const before = (await statsOf(handler.url)).connected;
    const callbackResult = await measured(handler.url, () => callbacks(handler.url, flows));
    // A flow counts once its callback reached onConnected: a 303 alone may be an error outcome.
    const verified = (await statsOf(handler.url)).connected - before;
    const callback = {
      ...figures(callbackResult, 303, callbackResult.cpu),
      rate: verified / callbackResult.duration,
      other: callbackResult.requests.total - verified,
    };
    rounds.push({ launch: figures(result, 200, cpu), callback, flows: flows.length, verified });
    console.log(`Round ${round}: ${flows.length} flows; resting ${rest} s (twice the TTL)...`);
    await sleep(rest * 1000);
    // One short launch-and-callback, so the store sweeps what expired, then the RSS.
    const poke = await launches(handler.url, { duration: 2 });
    if (poke.flows.length) await callbacks(handler.url, poke.flows.slice(0, 100));
    memory.push(await statsOf(handler.url));
  }
  await stop(handler.child);

  const line = (what, { rate, p50, p99, errors, other, cpu }, note = '') =>
    rows.push(
      `| ${what} | ${rate.toFixed(0)} | ${p50} ms | ${p99} ms | ${cpu.toFixed(0)} µs | ${errors}/${other} | ${note} |`,
    );
  line('bare node:http', bareFigures);
  line('bare fetch-through (one Gigs call)', throughFigures);
  for (const [index, round] of rounds.entries()) {
    const launchRatio = round.launch.rate / throughFigures.rate;
    const p99Ratio = round.launch.p99 / throughFigures.p99;
    const callbackRatio = round.callback.rate / bareFigures.rate;
    const cpuRatio = (own, bare) => `CPU/request ${(own / bare).toFixed(2)}×`;
    line(
      `handler launch, round ${index + 1}`,
      round.launch,
      `${launchRatio.toFixed(2)}× fetch-through's flows/s (goal ≥ 0.5); p99 ${p99Ratio.toFixed(2)}× (goal < 3); ${cpuRatio(round.launch.cpu, throughFigures.cpu)}`,
    );
    line(
      `handler callback, round ${index + 1}`,
      round.callback,
      `${round.verified} of ${round.flows} flows verified; ${callbackRatio.toFixed(2)}× bare's (goal ≥ 0.5); ${cpuRatio(round.callback.cpu, bareFigures.cpu)}`,
    );
  }
  console.log(
    '\n| server | flows/s | p50 | p99 | host CPU/request | errors/other answers | note |\n|---|---:|---:|---:|---:|---:|---|',
  );
  for (const row of rows) console.log(row);
  const growth = memory[2].rss - memory[1].rss;
  const at = (index) => `${mb(memory[index].rss)} (heap ${mb(memory[index].heapUsed)})`;
  console.log(
    `\nHandler RSS: ${at(0)} after the warm-up, ${at(1)} after round 1 and ${rest} s at rest, ` +
      `${at(2)} after round 2 and ${rest} s: ${mb(growth)} growth (goal: flat within 20 MB).`,
  );
} finally {
  await Promise.all(children.map(stop));
  rmSync(serverModule, { force: true });
}
