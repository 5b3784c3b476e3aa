#!/usr/bin/env node
// `npm run test:quick`, the inner loop: types (tsc), lint (eslint, prettier), then the Vitest
// projects core, server and unit. tsc runs beside eslint and prettier: each is one process on
// one core, and this machine has two. Their caches live in node_modules/.cache. Vitest then has
// every core. Each part's time is printed; a failing part's output in full; any failure exits 1.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const cache = (name) => path.join(root, 'node_modules/.cache', name);

const tsc = [
  bin('tsc'),
  '--noEmit',
  '--incremental',
  '--tsBuildInfoFile',
  cache('tsc/quick.tsbuildinfo'),
];
const eslint = [bin('eslint'), '--cache', '--cache-location', `${cache('eslint')}/`, '.'];
const prettier = [bin('prettier'), '--check', '--cache', '--log-level', 'warn', '.'];
const vitest = [
  bin('vitest'),
  'run',
  '--project',
  'core',
  '--project',
  'server',
  '--project',
  'unit',
  '--maxWorkers=3',
];

/** Runs one part; its output is kept (printed on failure) unless `shown`. */
function run(name, [command, ...args], shown = false) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: shown ? 'inherit' : 'pipe' });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${code === 0 ? '✓' : '✗'} ${name} (${seconds} s)`);
      if (code !== 0 && output) console.log(output);
      resolve(code === 0);
    });
  });
}

const checks = await Promise.all([
  run('tsc', tsc),
  run('eslint', eslint).then(async (linted) => (await run('prettier', prettier)) && linted),
]);
if (!checks.every(Boolean)) process.exit(1);
if (!(await run('vitest', vitest, true))) process.exit(1);
