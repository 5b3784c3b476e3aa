#!/usr/bin/env node
// `npm run bench`: one table, measured in one run.
// 1. Size: min+gzip of each entry of this package (from its sources, which is what tsup bundles
//    into dist with esbuild; building dist here would race other work on it) and of the anchor SDKs,
//    bundled one way for all: esbuild --bundle --minify --format=esm --platform=browser,
//    NODE_ENV=production, React, React DOM and @tanstack/* external, gzip -9. The anchors are
//    installed on demand into bench/anchors (its own package.json and lockfile).
// 2. Chromium, through the demo (Zapier popup against the mock Connect UI): the time from the
//    provider's message reaching the app to `onSuccess`, and from the popup closing to
//    `onCancel` (median of RUNS; marks in the app's own timeline).
// 3. The polling figures of `npm run bench:polling`.
// 4. Next.js First Load JS of examples/next's callback route and Connect page (installed from
//    `npm pack`, built, served: the gzip sizes of the scripts each page's HTML loads).
// 5. The server under load, `npm run bench:server` (its own table, printed at the end).
// 6. Push across two instances on Redis, `npm run bench:push` (its own table, printed last).
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium, startStack } from '../test/e2e/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const anchorsDir = path.join(root, 'bench/anchors');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const rows = [];
const row = (what, value, note = '') => rows.push({ what, value, note });

// 1. Sizes.
console.log('Installing the anchors if needed...');
if (!existsSync(path.join(anchorsDir, 'node_modules'))) {
  const command = existsSync(path.join(anchorsDir, 'package-lock.json')) ? 'ci' : 'install';
  execSync(`npm ${command} --no-audit --no-fund --ignore-scripts --loglevel=error`, {
    cwd: anchorsDir,
    stdio: 'inherit',
  });
}

async function bundle(contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    target: 'es2022',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** `export *` plus the default export when there is one (else `export *` drops it). */
async function bundleModule(specifier, resolveDir) {
  return bundle(
    `export * from '${specifier}'; export { default } from '${specifier}';`,
    resolveDir,
  ).catch(() => bundle(`export * from '${specifier}';`, resolveDir));
}

const size = ({ gzip }) => `${gzip.toLocaleString('en')} B`;
const ours = [
  ['react-connect-flow (React entry, everything)', './src/index.ts'],
  ['react-connect-flow/core', './src/core/index.ts'],
  ['react-connect-flow/server', './src/server/index.ts'],
];
for (const [label, file] of ours) {
  const measured = await bundleModule(file, root);
  row(label, size(measured), `${measured.min.toLocaleString('en')} B min`);
}
// What a Connect button alone pulls in: the hook and one adapter.
const button = await bundle(`export { useConnect, zapier } from './src/index.ts';`, root);
row('useConnect + zapier', size(button), `${button.min.toLocaleString('en')} B min`);
const stylesDir = path.join(root, 'src/react/styles');
const styles = readdirSync(stylesDir)
  .filter((file) => file.endsWith('.css'))
  .sort()
  .map((file) => readFileSync(path.join(stylesDir, file), 'utf8'))
  .join('\n');
const css = await build({
  stdin: { contents: styles, loader: 'css' },
  minify: true,
  write: false,
  logLevel: 'silent',
});
const cssCode = css.outputFiles[0].contents;
row(
  'react-connect-flow/styles.css',
  `${gzipSync(cssCode, { level: 9 }).length} B`,
  `${cssCode.length} B min`,
);

const anchors = JSON.parse(
  readFileSync(path.join(anchorsDir, 'package.json'), 'utf8'),
).dependencies;
for (const name of Object.keys(anchors).filter((n) => n !== 'react' && n !== 'react-dom')) {
  const measured = await bundleModule(name, anchorsDir);
  row(`${name} ${anchors[name]}`, size(measured), `${measured.min.toLocaleString('en')} B min`);
}

// 2. Chromium timings through the demo.
console.log(`Measuring in Chromium (${RUNS} runs each)...`);
const demo = await startStack();
const browser = await launchChromium();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const instrument = () => {
  // Runs before the app: the first `message` listener, and a handle on the popup it opens.
  addEventListener('message', () => performance.mark('rcf-bench:message'), true);
  const open = window.open.bind(window);
  window.open = (...args) => (window.__rcfBenchPopup = open(...args));
};

async function measure(kind) {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${demo.appOrigin}/zapier?mode=popup`);
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: /^Connect / }).click(),
  ]);
  await popup.locator('[data-outcome]').first().waitFor();
  let ms;
  if (kind === 'success') {
    await popup.locator('button[data-outcome="success"]').click();
    await page.waitForFunction(() => performance.getEntriesByName('rcf-demo:success').length > 0);
    ms = await page.evaluate(() => {
      const [success] = performance.getEntriesByName('rcf-demo:success');
      const message = performance.getEntriesByName('rcf-bench:message').at(-1);
      return success.startTime - message.startTime;
    });
  } else {
    // A user looks at the page first; the hook reads a close within 1 s of the page showing
    // as a COOP-severed handle, not a cancel.
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      performance.mark('rcf-bench:close');
      window.__rcfBenchPopup.close();
    });
    await page.waitForFunction(() => performance.getEntriesByName('rcf-demo:cancel').length > 0);
    ms = await page.evaluate(
      () =>
        performance.getEntriesByName('rcf-demo:cancel')[0].startTime -
        performance.getEntriesByName('rcf-bench:close')[0].startTime,
    );
  }
  await context.close();
  return ms;
}

for (const [kind, label] of [
  ['success', 'Chromium: provider message → onSuccess (Zapier popup)'],
  ['cancel', 'Chromium: popup closed → onCancel (Zapier popup)'],
]) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await measure(kind));
  row(
    label,
    `${median(times).toFixed(1)} ms`,
    `median of ${RUNS}; range ${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)} ms`,
  );
}
await browser.close();
await demo.close();

// 2b. The same success with its confirmation request against a plain fetch of the same page, the
// demo in its own process (`npm run bench:confirm`).
const confirm = execFileSync(
  process.execPath,
  [path.join(root, 'scripts/bench-confirm.mjs'), String(Math.max(RUNS, 10))],
  { encoding: 'utf8' },
);
const confirmRow = (label) =>
  new RegExp(`\\| ${label} \\| ([\\d.]+ ms) \\| ([\\d.]+ ms) \\|`).exec(confirm);
for (const label of ['message → onSuccess', 'plain fetch \\(/api/ping\\), same event']) {
  const found = confirmRow(label);
  if (found)
    row(`Chromium, bench:confirm: ${label.replaceAll('\\', '')}`, found[1], `p50; max ${found[2]}`);
}
const confirmRatio = /per flow, [^:]+: p50 ([\d.]+)×/.exec(confirm);
if (confirmRatio)
  row(
    'Chromium, bench:confirm: message → onSuccess / plain fetch',
    `${confirmRatio[1]}×`,
    'p50 per flow; goal ≤ 1.5×',
  );

// 3. Polling (engineer C's model), in the same run.
const polling = execFileSync(process.execPath, [path.join(root, 'scripts/bench-polling.mjs')], {
  encoding: 'utf8',
});
const summary =
  /([\d.]+)x fewer requests than fixed 5 s polling; readiness seen ([\d.]+) s after it happens at the median \(([\d.]+) s worst\)/.exec(
    polling,
  );
if (summary) {
  row(
    'Polling: requests vs fixed 5 s polling',
    `${summary[1]}x fewer`,
    '1000 exports ready in 1-15 min',
  );
  row(
    'Polling: readiness seen after it happens',
    `${summary[2]} s median`,
    `${summary[3]} s worst`,
  );
}

// 4. Next.js First Load JS.
console.log('Building examples/next for its First Load JS...');
const firstLoadFile = path.join(root, 'node_modules/.cache/rcf-first-load.json');
execFileSync(
  process.execPath,
  [path.join(root, 'scripts/test-next.mjs'), '--first-load-json', firstLoadFile],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const firstLoad = JSON.parse(readFileSync(firstLoadFile, 'utf8'));
for (const [name, label] of [
  ['callback', 'Next.js First Load JS: /connect/callback'],
  ['connect', 'Next.js First Load JS: the Connect page'],
]) {
  const figure = firstLoad[name];
  const own = `${(figure.routeBytes / 1000).toFixed(2)} kB beyond Next and React`;
  row(label, `${figure.kB} kB`, own);
}

// 5. The server under load: its own table (flows/s, latency, RSS), printed after this one.
console.log('Running the server bench...');
const serverBench = execFileSync(process.execPath, [path.join(root, 'scripts/bench-server.mjs')], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});

// 6. Push: its own table (latency, reads per export, memory of open streams).
console.log('Running the push bench...');
const pushBench = execFileSync(process.execPath, [path.join(root, 'scripts/bench-push.mjs')], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});

console.log('\n| measure | value | note |\n|---|---:|---|');
for (const { what, value, note } of rows) console.log(`| ${what} | ${value} | ${note} |`);
console.log(
  `\nSizes are min+gzip (gzip -9). Polling detail (npm run bench:polling):\n\n${polling.trim()}`,
);
console.log(`\nServer under load (npm run bench:server):\n${serverBench.trim()}`);
console.log(`\nPush (npm run bench:push):\n${pushBench.trim()}`);
