#!/usr/bin/env node
// The host recipes in docs/ that need their own runtime or build, run as printed (check:docs
// holds the files to the docs' blocks). Each drives one Gigs flow to its verified result against
// the mock providers with no browser (test/hosts/gigsFlow.mjs), and fails on a console error
// (anything on the server's stderr):
// - Deno and Bun (docs/deno-bun.md): the binaries of the `deno` and `bun` devDependencies;
// - Hono on workerd (docs/hono.md): `wrangler dev` on Node 22 (scripts/node-binary.mjs),
//   installed in test/hosts/wrangler with its own lock (wrangler needs Node 22.12+);
// - React Router 7 framework mode (docs/react-router.md): examples/react-router, built with
//   `react-router build` and served by @react-router/node; the callback page's server HTML
//   must show the success screen.
// - the Playwright example (docs/testing.md) against the Vite app of docs/vite-express.md
//   (examples/vite-express), in Debian's Chromium (test/hosts/playwrightExample.mjs).
// node:http, Express and Hono on Node run in Vitest (test/docs/hosts.test.ts).
//
//   node scripts/test-hosts.mjs [deno] [bun] [workerd] [react-router] [playwright]
//   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectEqual, gigsFlow } from '../test/hosts/gigsFlow.mjs';
import { freePort, start, until, untilServing } from '../test/hosts/hostServer.mjs';
import { runPlaywrightExample } from '../test/hosts/playwrightExample.mjs';
import { envFor, nodeBinary, nodeVersions } from './node-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Each host: what it needs first (once), and the command that serves the app on `port`. */
const hosts = {
  deno: {
    doc: 'docs/deno-bun.md',
    serve: () => ({
      command: at('node_modules/@deno/linux-x64-glibc/deno'), // linked to deno/deno on install
      args: ['run', '--allow-net', '--allow-env', '--allow-read', at('test/hosts/runtimeApp.mjs')],
      env: { RECIPE: 'deno' },
    }),
  },
  bun: {
    doc: 'docs/deno-bun.md',
    serve: () => ({
      // The platform package's binary; bun's postinstall, when npm runs it, moves it to bun/bin.
      command: [
        at('node_modules/@oven/bun-linux-x64/bin/bun'),
        at('node_modules/bun/bin/bun.exe'),
      ].find((file) => existsSync(file)),
      args: [at('test/hosts/runtimeApp.mjs')],
      env: { RECIPE: 'bun' },
    }),
  },
  workerd: { doc: 'docs/hono.md', prepare: installWrangler, serve: wranglerDev },
  'react-router': {
    doc: 'docs/react-router.md',
    prepare: buildReactRouterApp,
    serve: () => ({ command: process.execPath, args: [at('test/hosts/reactRouterServer.mjs')] }),
    // The callback page, rendered on the server from handler.readResult: the success screen.
    page: { has: ['>Connected</h1>', 'role="status"'], hasNot: ['Connection failed'] },
  },
};

/** wrangler, from test/hosts/wrangler's lock with Node 22's npm; returns Node 22. */
function installWrangler() {
  const node = nodeBinary(nodeVersions[22]);
  const dir = at('test/hosts/wrangler');
  const pinned = readJson(path.join(dir, 'package.json')).devDependencies.wrangler;
  const installed = path.join(dir, 'node_modules/wrangler/package.json');
  if (!existsSync(installed) || readJson(installed).version !== pinned) {
    console.log(`  npm ci in test/hosts/wrangler (Node ${nodeVersions[22]})`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      env: envFor(node),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return node;
}

/** `wrangler dev` of test/hosts/workerApp.mjs (the printed worker behind the test's globals). */
function wranglerDev({ port, vars, mockGigs, prepared: node }) {
  const work = mkdtempSync(path.join(tmpdir(), 'rcf-wrangler-'));
  const config = path.join(work, 'wrangler.json');
  const main = at('test/hosts/workerApp.mjs');
  writeFileSync(
    config,
    JSON.stringify({ name: 'rcf-hosts', main, compatibility_date: '2026-11-01' }),
  );
  const args = [at('test/hosts/wrangler/node_modules/wrangler/bin/wrangler.js'), 'dev'];
  args.push('--config', config, '--ip', '127.0.0.1', '--port', String(port));
  args.push('--persist-to', path.join(work, 'state'), '--show-interactive-dev-session=false');
  for (const [name, value] of Object.entries({ ...vars, MOCK_GIGS: mockGigs })) {
    args.push('--var', `${name}:${value}`);
  }
  return {
    command: node,
    args,
    cwd: work,
    env: {
      ...envFor(node),
      // Offline: no Request.cf download from Cloudflare, no metrics, logs in the work folder.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_LOG_PATH: path.join(work, 'logs'),
    },
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** examples/react-router, built with `react-router build` against dist (linked in). */
function buildReactRouterApp() {
  const app = at('examples/react-router');
  const link = path.join(app, 'node_modules/react-connect-flow');
  if (!existsSync(link)) {
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), root), link, 'dir');
  }
  // Its output only on a failure: React Router 7.18 on Vite 8 prints a deprecation notice
  // (`envFile`) that is not the app's.
  try {
    execFileSync(process.execPath, [at('node_modules/@react-router/dev/bin.js'), 'build', app], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(`react-router build failed:\n${error.stdout}${error.stderr}`, { cause: error });
  }
}

/** One host: prepared, started, one Gigs flow, its saved connection, no console error. */
async function runHost(name, host, mockGigs) {
  const prepared = host.prepare?.();
  const port = await freePort();
  const app = `http://127.0.0.1:${port}`;
  const vars = {
    APP_ORIGIN: app,
    CONNECT_SECRET: 'a-test-secret-of-at-least-32-characters',
    GIGS_API_TOKEN: 'gigs_test_api_token',
    GIGS_PROJECT: 'demo',
  };
  const serving = host.serve({ port, vars, mockGigs, prepared });
  const server = start(
    { cwd: root, ...serving },
    { ...vars, MOCK_GIGS: mockGigs, PORT: String(port) },
  );
  let outcome;
  try {
    await untilServing(app, server.output);
    const flow = await gigsFlow(app);
    outcome = flow.outcome;
    expectEqual([outcome.screen, outcome.verified], ['success', true], `${name}: the outcome`);
    if (host.page) await checkPage(name, host.page, flow);
    // A runtime may print after it answers (wrangler relays the worker's console).
    await until(() => savedLines(server.output).length > 0, 10_000);
  } finally {
    await server.stop(); // and so its output is complete
    serving.cleanup?.();
  }
  const expected = [{ user: 'user-1', provider: 'gigs', id: outcome.sessionId }];
  expectEqual(savedLines(server.output), expected, `${name}: the connections saved`);
  assert(server.output.stderr.trim() === '', `${name}: console errors:\n${server.output.stderr}`);
}

/** The callback page the flow ends on, from the server, with the flow's cookies. */
async function checkPage(name, { has, hasNot }, { page, cookie }) {
  const html = await (await fetch(page, { headers: { cookie } })).text();
  for (const text of has) assert(html.includes(text), `${name}: no ${text} in ${page}`);
  for (const text of hasNot) assert(!html.includes(text), `${name}: ${text} in ${page}`);
}

/** The connections the app's `db` saved (test/hosts/appGlobals.mjs prints them). */
const savedLines = (output) =>
  output.stdout
    .split('\n')
    .filter((line) => line.includes('SAVED {'))
    .map((line) => JSON.parse(line.slice(line.indexOf('SAVED {') + 6)));

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const names = [...Object.keys(hosts), 'playwright'];
  const wanted = process.argv.slice(2).length ? process.argv.slice(2) : names;
  for (const name of wanted) assert(names.includes(name), `No host ${name}: ${names}`);
  assert(existsSync(at('dist/testing/index.js')), 'Build first (npm run build)');
  const { startMockProviders } = await import('../dist/testing/index.js');
  const mock = await startMockProviders();
  const started = Date.now();
  try {
    for (const name of wanted.filter((name) => hosts[name])) {
      const since = Date.now();
      await runHost(name, hosts[name], mock.handlerConfig.gigs.baseUrl);
      console.log(
        `✓ ${name} (${hosts[name].doc}): a Gigs flow to its verified result (${seconds(since)})`,
      );
    }
  } finally {
    await mock.close();
  }
  if (wanted.includes('playwright')) {
    const since = Date.now();
    await runPlaywrightExample(root);
    console.log(
      `✓ playwright (docs/testing.md): a Gigs popup flow in Chromium (${seconds(since)})`,
    );
  }
  console.log(`Host recipes: ${wanted.length} passed in ${seconds(started)}`);
}

main().catch((error) => {
  console.error(`✗ ${error.message}`);
  process.exit(1);
});
