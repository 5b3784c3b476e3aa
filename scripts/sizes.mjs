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
import { existsSync } from 'node:fs';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';

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

/** A relative import as TypeScript resolves it: the file, `.ts`, `.tsx`, or the folder's index. */
function resolveSource(id, importer) {
  const base = path.resolve(path.dirname(importer), id);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  return candidates.find((file) => existsSync(file) && !file.endsWith(base + path.sep));
}

/**
 * The same entry through Rollup, the bundler under Vite: TypeScript stripped by esbuild, modules
 * free of side effects (as the package's `sideEffects` says), each chunk minified by esbuild and
 * gzipped. Rollup assigns what it keeps after tree-shaking to chunks, so code that only a lazy
 * chunk uses stays out of the first load even when a barrel re-exports it.
 */
async function measureRollup(contents) {
  const entry = '\0entry.ts';
  const bundle = await rollup({
    input: entry,
    external: (id) => /^(react|react-dom|@tanstack)(\/|$)/.test(id),
    treeshake: { moduleSideEffects: false },
    onwarn: () => {},
    plugins: [
      {
        name: 'sources',
        resolveId: (id, importer) =>
          id === entry
            ? id
            : importer && id.startsWith('.')
              ? resolveSource(id, importer === entry ? path.join(root, 'entry.ts') : importer)
              : null,
        load: (id) => (id === entry ? contents : null),
        async transform(code, id) {
          if (!/\.tsx?$/.test(id)) return null;
          const loader = id.endsWith('x') ? 'tsx' : 'ts';
          const options = { loader, format: 'esm', target: 'es2022', jsx: 'automatic' };
          return (
            await transform(code, {
              ...options,
              define: { 'process.env.NODE_ENV': '"production"' },
            })
          ).code;
        },
      },
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const chunks = new Map(
    output.filter((each) => each.type === 'chunk').map((each) => [each.fileName, each]),
  );
  const gzip = async (chunk) =>
    gzipSync((await transform(chunk.code, { minify: true, target: 'es2022' })).code, { level: 9 })
      .length;
  const reach = (start, lazy) => {
    const found = new Set(start);
    for (const name of found) {
      const chunk = chunks.get(name);
      for (const next of [...chunk.imports, ...(lazy ? chunk.dynamicImports : [])]) {
        if (chunks.has(next)) found.add(next);
      }
    }
    return found;
  };
  const first = reach([output[0].fileName], false);
  const all = reach([output[0].fileName], true);
  let initial = 0;
  let lazy = 0;
  for (const name of all) {
    const size = await gzip(chunks.get(name));
    if (first.has(name)) initial += size;
    else lazy += size;
  }
  return { initial, lazy };
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
console.log(
  '| bundle | esbuild: initial | lazy chunks | one file (no splitting) | Rollup (Vite): initial | lazy chunks |\n|---|---:|---:|---:|---:|---:|',
);
const lazyKB = (bytes) => (bytes ? kB(bytes) : '-');
for (const [label, contents] of rows) {
  const { initial, lazy } = await measure(contents);
  const whole = await measure(contents, false);
  const rolled = await measureRollup(contents);
  console.log(
    `| ${label} | ${kB(initial)} | ${lazyKB(lazy)} | ${kB(whole.initial)} | ${kB(rolled.initial)} | ${lazyKB(rolled.lazy)} |`,
  );
}

// What each goal's bundle must carry before any code runs: the texts the providers document and
// the outcome model names (each adapter's table, the shared texts, the screens' texts), and for a
// callback the state check. One file, the same settings. The goal less this floor is what is
// left for the code that parses, decides, stores and opens the popup.
const floors = [
  [
    '`parseCallback` + emerge',
    1500,
    'Emerge adapter, shared texts, constant-time compare',
    `export { emerge, sharedMessages } from './src/index.ts';
     export { sameText } from './src/core/shared/sameText.ts';`,
  ],
  [
    '`useConnect` + zapier',
    3000,
    "Zapier adapter, the flow's failure texts, the CSRF state",
    `export { zapier } from './src/index.ts';
     export { flowMessages } from './src/core/model/flowMessages.ts';
     export { createState } from './src/core/shared/csrfState.ts';`,
  ],
  [
    'everything in the browser',
    9000,
    'three adapters, shared texts, callback screen and export status texts',
    `export { emerge, gigs, zapier, sharedMessages, callbackScreenText, exportStatusText,
       exportProviderNames } from './src/index.ts';`,
  ],
];
console.log(
  '\n| goal bundle | goal | floor: what it must carry | floor (one file) | left for code |\n|---|---:|---|---:|---:|',
);
for (const [label, goal, what, contents] of floors) {
  const { initial } = await measure(contents, false);
  console.log(`| ${label} | ${kB(goal)} | ${what} | ${kB(initial)} | ${kB(goal - initial)} |`);
}
