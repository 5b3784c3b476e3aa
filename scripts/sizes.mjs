#!/usr/bin/env node
// `node scripts/sizes.mjs [checkout]`: the size goals of issue 17, measured from the sources with
// the bench's esbuild settings (scripts/bench.mjs: minified ESM for the browser, NODE_ENV
// production, React, React DOM and @tanstack/* external, gzip -9), with code splitting on: the
// initial chunk is what a page loads first; the chunks loaded by `import()` are reported apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(process.argv[2] ?? path.join(fileURLToPath(import.meta.url), '../..'));

async function measure(contents, splitting = true) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'rcf-sizes-'));
  try {
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
      target: 'es2022',
      absWorkingDir: root,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      splitting,
      outdir,
      define: { 'process.env.NODE_ENV': '"production"' },
      external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const gzip = (file) => gzipSync(file.contents, { level: 9 }).length;
    const outputs = result.metafile.outputs;
    const entry = result.outputFiles.find(
      (file) => outputs[path.relative(root, file.path)]?.entryPoint,
    );
    // The initial load: the entry and the chunks it imports statically; the lazy chunks: those
    // an `import()` of the initial load (or of a lazy chunk) reaches.
    const reach = (start, kinds) => {
      const found = new Set(start);
      for (const file of found) {
        for (const { path: next, kind } of outputs[path.relative(root, file)]?.imports ?? []) {
          if (kinds.includes(kind)) found.add(path.resolve(root, next));
        }
      }
      return found;
    };
    const initial = reach([entry.path], ['import-statement']);
    const all = reach([entry.path], ['import-statement', 'dynamic-import']);
    const sum = (files) => files.reduce((total, file) => total + gzip(file), 0);
    const first = result.outputFiles.filter((file) => initial.has(file.path));
    const lazy = result.outputFiles.filter((file) => all.has(file.path) && !initial.has(file.path));
    return { initial: sum(first), lazy: sum(lazy) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const rows = [
  ['`useConnect` + zapier', `export { useConnect, zapier } from './src/index.ts';`],
  ['`useConnect` + gigs', `export { useConnect, gigs } from './src/index.ts';`],
  ['`parseCallback` alone', `export { parseCallback } from './src/core/index.ts';`],
  ['`parseCallback` + emerge', `export { parseCallback, emerge } from './src/core/index.ts';`],
  [
    '`ConnectCallbackPage` (three providers)',
    `export { ConnectCallbackPage } from './src/index.ts';`,
  ],
  ['everything in the browser (React entry)', `export * from './src/index.ts';`],
  ['`react-connect-flow/server` (everything)', `export * from './src/server/index.ts';`],
];
console.log('| bundle | initial | lazy chunks | one file (no splitting) |\n|---|---:|---:|---:|');
for (const [label, contents] of rows) {
  const { initial, lazy } = await measure(contents);
  const whole = await measure(contents, false);
  console.log(`| ${label} | ${kB(initial)} | ${lazy ? kB(lazy) : '-'} | ${kB(whole.initial)} |`);
}
