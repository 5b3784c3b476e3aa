#!/usr/bin/env node
// Every TypeScript block in README.md and docs/ is type-checked against the built package
// (`dist`, through its `exports`, as an app resolves it). A block after
// `<!-- file: path -->` must also be that file, verbatim: the file runs in a test
// (test/docs/*.test.ts, or the Next.js example's own build and browser run, which type-checks
// it with Next's types: those blocks are compared here, not compiled again).
// A block whose info string says `fragment` is a few statements: it is checked inside an
// async function, with the package's entries imported. Names a snippet leaves to the app
// (`auth`, `db`, `env`, ...) are declared once, in docs/snippets.d.ts.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'node_modules/.cache/doc-snippets');
if (!existsSync(path.join(root, 'dist/server/index.d.ts'))) {
  throw new Error('Build first (npm run build): the snippets are checked against dist.');
}

const docs = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

// What a fragment may use without importing it.
const fragmentPreamble = `import * as React from 'react';
import { useConnect, ConnectCallbackPage, ExportStatus, useExportStatus, gigs, emerge, zapier } from 'react-connect-flow';
import { createConnectHandler, nodeListener } from 'react-connect-flow/server';
import { startMockProviders } from 'react-connect-flow/testing';
import { Route } from 'react-router';
void Route; void React; void useConnect; void ConnectCallbackPage; void ExportStatus; void useExportStatus;
void gigs; void emerge; void zapier; void createConnectHandler; void nodeListener; void startMockProviders;
`;

const fence = /^```(tsx|ts|typescript)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
const snippets = [];
const mismatches = [];
for (const doc of docs) {
  const text = readFileSync(path.join(root, doc), 'utf8');
  let index = 0;
  for (const match of text.matchAll(fence)) {
    index += 1;
    const [, language, info, code] = match;
    const before = text.slice(0, match.index).trimEnd().split('\n').at(-1) ?? '';
    const file = /^<!-- file: (\S+) -->$/.exec(before)?.[1];
    if (file && readFileSync(path.join(root, file), 'utf8') !== code) {
      mismatches.push(`${doc} block ${index} is not ${file} as it is`);
    }
    if (file?.startsWith('examples/next/')) continue;
    const extension = language === 'tsx' ? 'tsx' : 'ts';
    // A file keeps its path, so its relative imports find the blocks that print their targets.
    const name = file ?? `${doc.replace(/[/.]/g, '_')}_${index}.${extension}`;
    const line = text.slice(0, match.index).split('\n').length + 1;
    const body = /\bfragment\b/.test(info)
      ? `${fragmentPreamble}export async function fragment() {\n${code}}\n`
      : `${code}\nexport {};\n`;
    snippets.push({ name, doc, line, body });
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'node_modules'), { recursive: true });
// The package as an app installs it: resolved through package.json `exports` to dist.
symlinkSync(root, path.join(out, 'node_modules/react-connect-flow'), 'dir');
copyFileSync(path.join(root, 'docs/snippets.d.ts'), path.join(out, 'snippets.d.ts'));
// The shared server config every host guide imports as `./connect` (docs/server-config.md).
copyFileSync(path.join(root, 'examples/hosts/connect.ts'), path.join(out, 'connect.ts'));
// And the app's Redis client, for the production guide.
copyFileSync(path.join(root, 'examples/hosts/redis.ts'), path.join(out, 'redis.ts'));
// The React Router example's server module, which the routes import (it re-exports connect.ts).
const reactRouterConnect = 'examples/react-router/app/connect.server.ts';
mkdirSync(path.dirname(path.join(out, reactRouterConnect)), { recursive: true });
copyFileSync(path.join(root, reactRouterConnect), path.join(out, reactRouterConnect));
for (const { name, body } of snippets) {
  mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
  writeFileSync(path.join(out, name), body);
}
writeFileSync(
  path.join(out, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true, // Deno's imports name their files (`./connect.ts`)
      skipLibCheck: true,
      isolatedModules: true,
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules/@types')],
    },
    include: ['**/*.ts', '**/*.tsx'],
    exclude: ['node_modules'],
  }),
);

const where = new Map(
  snippets.map(({ name, doc, line }) => [path.basename(name), `${doc}:${line}`]),
);
let failed = mismatches.length > 0;
for (const message of mismatches) console.error(`✗ ${message}`);
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', out], {
    stdio: 'pipe',
  });
} catch (error) {
  failed = true;
  const report = String(error.stdout).replace(
    /^(?:\S*\/)?(\S+?\.tsx?)\((\d+),/gm,
    (_, file, line) => {
      const origin = where.get(file);
      return origin ? `${file} (block from ${origin}) (${line},` : `${file}(${line},`;
    },
  );
  console.error(report);
}
if (failed) process.exit(1);
console.log(`✓ ${snippets.length} TypeScript blocks in ${docs.length} documents type-check.`);
