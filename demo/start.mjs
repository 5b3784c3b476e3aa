#!/usr/bin/env node
// `npm run demo`: installs if needed, builds the app, then serves the mock providers on one
// origin and the app with its backend on another, all on 127.0.0.1.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'node_modules/vite'))) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    'providers-port': { type: 'string', default: process.env.PROVIDERS_PORT ?? '4174' },
    'export-delay': { type: 'string', default: '3000' },
  },
});
const { buildDemoApp, loadStack, staticDir } = await import('./build.mjs');
console.log('Building the demo app...');
await buildDemoApp();
const startDemo = await loadStack();
const delay = Number(values['export-delay']);
const options = (port, providersPort) => ({
  port,
  providersPort,
  staticDir,
  providers: { exportDelays: { google_data: delay, gmail: delay * 2 } },
});
const demo = await startDemo(options(Number(values.port), Number(values['providers-port']))).catch(
  (error) => {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.log('Port taken: using random ports.');
    return startDemo(options(0, 0));
  },
);
console.log(`
  react-connect-flow demo
  App and backend:  ${demo.appOrigin}/   <- open this
  Mock providers:   ${demo.providersOrigin}  (a second origin)
  Ctrl+C to stop.
`);
const stop = () => demo.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
