// Node 20 cannot run TypeScript by itself (no --experimental-strip-types before 22.6), and
// no tsx/vite-node is installed. esbuild is (tsup's dependency): it bundles a .ts entry to
// one ESM file under node_modules/.cache, with packages left external, which Node imports.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules/.cache/react-connect-flow-demo');

/** Imports a TypeScript module (and what it imports) on Node 20. */
export async function loadTs(entry) {
  mkdirSync(cache, { recursive: true });
  const outfile = path.join(cache, `${path.basename(entry).replace(/\.tsx?$/, '')}.mjs`);
  await build({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?v=${Date.now()}`);
}
