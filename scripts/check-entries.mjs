#!/usr/bin/env node
// Each entry works with only what it needs installed, as a user gets it from `npm pack`:
// `react-connect-flow/core`, `/server` and `/testing` with no peer at all (they are optional), the main
// entry with react and @tanstack/react-query only (no react-dom). ESM and CommonJS both.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const versions = JSON.parse(
  execFileSync('node', ['-p', 'JSON.stringify(require("./package.json").devDependencies)'], {
    cwd: root,
  }),
);
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

// The testing kit is Node-only (node:http): no other entry may reach it.
const builtFiles = readdirSync(path.join(root, 'dist'), { recursive: true }).map(String);
for (const file of builtFiles.filter(
  (name) => /\.c?js$/.test(name) && !name.startsWith('testing'),
)) {
  const text = readFileSync(path.join(root, 'dist', file), 'utf8');
  if (/testing\/|node:http/.test(text)) throw new Error(`dist/${file} reaches the testing kit`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'rcf-entries-'));
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], root).trim();
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "entries-check", "private": true }');
  const install = (...specs) =>
    run('npm', ['install', '--no-audit', '--no-fund', '--silent', ...specs], dir);
  install(path.join(dir, tarball));
  const has = (name) => existsSync(path.join(dir, 'node_modules', name, 'package.json'));
  const peers = ['react', 'react-dom', '@tanstack/react-query'];
  const installed = peers.filter(has);
  if (installed.length) throw new Error(`optional peers were installed: ${installed.join(', ')}`);

  const check = (label, code) => {
    run('node', ['--input-type=module', '-e', code], dir);
    console.log(`  ✓ ${label}`);
  };
  const checkCjs = (label, code) => {
    run('node', ['-e', code], dir);
    console.log(`  ✓ ${label}`);
  };
  check(
    'core, no peers (ESM)',
    `const core = await import('react-connect-flow/core');
     const outcome = core.parseCallback('?session_id=c&status=user_aborted', { provider: core.gigs });
     if (outcome.code !== 'user_aborted') throw new Error(outcome.code);`,
  );
  checkCjs(
    'core, no peers (CommonJS)',
    `const core = require('react-connect-flow/core'); if (!core.parseCallback) throw 1;`,
  );
  check(
    'server, no peers (ESM)',
    `const server = await import('react-connect-flow/server');
     const handler = server.createConnectHandler({ basePath: '/api/connect', secret: 'x'.repeat(32),
       getUser: () => 'u', onConnected: () => {} });
     const response = await handler(new Request('https://app.example/api/connect/result'));
     const body = await response.json();
     if (response.status !== 200 || body.outcome !== null) throw new Error(String(response.status));`,
  );
  checkCjs(
    'server, no peers (CommonJS)',
    `const server = require('react-connect-flow/server'); if (!server.createConnectHandler) throw 1;`,
  );
  check(
    'testing, no peers (ESM): the mock providers answer',
    `const { startMockProviders } = await import('react-connect-flow/testing');
     const mock = await startMockProviders();
     try {
       const { apiBaseUrl, apiToken } = mock.handlerConfig.emerge;
       const response = await fetch(apiBaseUrl + '/consent/status/psub_x', {
         headers: { Authorization: 'Bearer ' + apiToken } });
       if (response.status !== 404) throw new Error(String(response.status));
     } finally { await mock.close(); }`,
  );
  checkCjs(
    'testing, no peers (CommonJS)',
    `const testing = require('react-connect-flow/testing');
     if (typeof testing.startMockProviders !== 'function') throw 1;`,
  );
  install(`react@${versions.react}`, `@tanstack/react-query@${versions['@tanstack/react-query']}`);
  if (has('react-dom')) throw new Error('react-dom was installed with react');
  check(
    'main entry with react and react-query, no react-dom (ESM)',
    `const main = await import('react-connect-flow');
     for (const name of ['useConnect', 'ConnectCallbackPage', 'ExportStatus', 'parseCallback'])
       if (typeof main[name] !== 'function') throw new Error(name);`,
  );
  checkCjs(
    'main entry with react and react-query, no react-dom (CommonJS)',
    `const main = require('react-connect-flow'); if (typeof main.useConnect !== 'function') throw 1;`,
  );
  console.log('Each entry works with only its own peers installed.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
