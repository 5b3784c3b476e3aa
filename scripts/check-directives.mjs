#!/usr/bin/env node
// `'use client'` sits only on the modules that need it, and stays the first statement in the
// built ESM and CommonJS files (a directive anywhere else is just a string). The barrels carry
// none, so their non-React exports work in React Server Components and route handlers.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = readdirSync(path.join(root, 'src'), { recursive: true }).filter((file) =>
  /\.tsx?$/.test(file),
);
const problems = [];
let clientModules = 0;
for (const source of sources) {
  const client = /^'use client';/.test(readFileSync(path.join(root, 'src', source), 'utf8'));
  clientModules += client ? 1 : 0;
  for (const extension of ['.js', '.cjs']) {
    const built = path.join(root, 'dist', source.replace(/\.tsx?$/, extension));
    const text = readFileSync(built, 'utf8');
    const first = text.startsWith('"use client";\n');
    if (client && !first) problems.push(`${built}: 'use client' is not its first statement`);
    if (!client && text.includes('"use client"')) problems.push(`${built}: 'use client' leaked in`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `'use client' first in ${clientModules} React modules (ESM and CJS), absent elsewhere.`,
);
