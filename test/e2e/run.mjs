#!/usr/bin/env node
// End-to-end tests of the demo through the UI as a user, in Chromium, Firefox and WebKit one
// after another, sharing one build of the demo and one stack (scenarios.mjs).
// `node test/e2e/run.mjs [--engine chromium|firefox|webkit]... [--repeat N] [--no-retry] [name filter]`
//   --repeat N   runs each selected scenario N times (to measure how often a flaky one fails)
//   --no-retry   a failure counts as it is (by default a failed scenario runs once more and a
//                pass then is reported as flaky)
import { parseArgs } from 'node:util';
import { loadTs } from '../../demo/loadTs.mjs';
import { engineNames, engines } from './engines/index.mjs';
import { buildDemo, run, startBuiltStack } from './harness.mjs';
import { printTable } from './table.mjs';
import { scenarios } from './scenarios.mjs';

const { values, positionals } = parseArgs({
  options: {
    engine: { type: 'string', multiple: true },
    repeat: { type: 'string', default: '1' },
    'no-retry': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const chosen = values.engine ?? engineNames;
for (const name of chosen) {
  if (!engines[name]) throw new Error(`unknown engine ${name} (${engineNames.join(', ')})`);
}

const core = await loadTs('src/core/index.ts');
// Every parameter a provider puts on the callback, from the adapters, and the server's result
// marker: none may stay in the address bar.
const callbackParams = [
  ...core.builtInProviders.flatMap((adapter) => adapter.params),
  'rcf_result',
];

await buildDemo();
const pageRequests = [];
const apiResponses = [];
const emergeUids = [];
const demo = await startBuiltStack({
  // The tests send their own webhooks (emerge push).
  webhooks: false,
  providers: {
    exportDelays: { google_data: 1500, gmail: 2500 },
    // Every consent is about to end (the server's default: within 7 days): emerge consent.
    emergeConsentLifetimeMs: 5 * 86_400_000 - 60_000,
    onPageRequest: (request) => pageRequests.push(request),
  },
  onApiResponse: (answer) => apiResponses.push(answer),
  onEmergeUid: (uid) => emergeUids.push(uid),
});
const tests = scenarios(
  { ...demo, pageRequests, apiResponses, emergeUids },
  core,
  callbackParams,
).map(([name, body, options]) => [
  name,
  (tab, session) => {
    pageRequests.length = 0;
    apiResponses.length = 0;
    emergeUids.length = 0;
    return body(tab, session);
  },
  options,
]);

const resultsByEngine = {};
for (const name of chosen) {
  const started = Date.now();
  const engine = await engines[name]();
  try {
    resultsByEngine[name] = await run(tests, {
      engine,
      only: positionals[0],
      repeat: Number(values.repeat),
      retry: !values['no-retry'],
    });
  } finally {
    await engine.close();
  }
  resultsByEngine[name].seconds = (Date.now() - started) / 1000;
}
await demo.close();

printTable(resultsByEngine);
const failed = Object.values(resultsByEngine)
  .flat()
  .filter((result) => result.outcome === 'failed').length;
process.exit(failed ? 1 : 0);
