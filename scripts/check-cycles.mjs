#!/usr/bin/env node
// No import cycle in src/, `import type` and `import()` included: a cycle hides which layer
// depends on which, even when it is types only. Fails with each cycle's files.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, process.argv[2] ?? 'src');
const files = readdirSync(src, { recursive: true })
  .filter((file) => /\.tsx?$/.test(file) && !/\.d\.ts$/.test(file))
  .map((file) => path.join(src, file));

/** Static imports and re-exports (type-only ones too), and dynamic `import()`. */
const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]*)['"]/g;

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  const candidates = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate));
}

const edges = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const targets = new Set();
  for (const [, specifier] of text.matchAll(importPattern)) {
    const target = resolve(file, specifier);
    if (target) targets.add(target);
  }
  edges.set(file, targets);
}

// Tarjan's strongly connected components: each one with more than one file is a cycle.
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(file) {
  order.set(file, order.size);
  low.set(file, order.get(file));
  stack.push(file);
  onStack.add(file);
  for (const target of edges.get(file) ?? []) {
    if (!order.has(target)) {
      visit(target);
      low.set(file, Math.min(low.get(file), low.get(target)));
    } else if (onStack.has(target)) {
      low.set(file, Math.min(low.get(file), order.get(target)));
    }
  }
  if (low.get(file) !== order.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1) cycles.push(component);
}
for (const file of files) if (!order.has(file)) visit(file);

if (cycles.length) {
  for (const cycle of cycles) {
    const names = cycle.map((file) => path.relative(root, file)).sort();
    console.error(`Import cycle of ${cycle.length} files:\n  ${names.join('\n  ')}`);
  }
  process.exit(1);
}
console.log(`No import cycle among ${files.length} modules (type-only imports included).`);
