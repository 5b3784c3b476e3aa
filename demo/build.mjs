// Builds the demo app (Vite) into demo/dist and loads the server side (TypeScript, through
// esbuild: Node 20 runs no TypeScript). Shared by `npm run demo`, the e2e tests, the
// screenshots and the benchmark.
import path from 'node:path';
import { build } from 'vite';
import { loadTs, root } from './loadTs.mjs';

export const staticDir = path.join(root, 'demo/dist');

export async function buildDemoApp() {
  await build({ configFile: path.join(root, 'demo/app/vite.config.ts'), logLevel: 'warn' });
}

/** `startDemo` from demo/stack.ts. */
export async function loadStack() {
  return (await loadTs('demo/stack.ts')).startDemo;
}
