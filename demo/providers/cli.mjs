#!/usr/bin/env node
// Starts the mock providers alone: `node demo/providers/cli.mjs [--port 4100] [--app-origin URL]...`
import { parseArgs } from 'node:util';
import { loadTs } from '../loadTs.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'app-origin': { type: 'string', multiple: true },
    'export-delay': { type: 'string' },
  },
});
const { startMockProviders } = await loadTs('src/testing/index.ts');
const delay = values['export-delay'] === undefined ? undefined : Number(values['export-delay']);
const mock = await startMockProviders({
  port: Number(values.port),
  ...(values['app-origin'] ? { appOrigins: values['app-origin'] } : {}),
  ...(delay === undefined ? {} : { exportDelays: { google_data: delay, gmail: delay * 2 } }),
});
console.log(`Mock providers on ${mock.origin}`);
const stop = () => mock.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
