#!/usr/bin/env node
// `npm run bench:confirm`: where the time goes between a Zapier popup's success message and
// `onSuccess`, with the server's confirmation, in Debian's Chromium through the demo (mock
// Connect UI on a second origin, the app's backend on `react-connect-flow/server`).
// Over N popup flows (one fresh context each), the app page records with `performance.now()`:
// the message's arrival, the confirm request's start and end (and its resource timing phases:
// queued, connect, request → first byte, body), the handler's own time (`Server-Timing: app`
// from the demo backend), `onSuccess` (the demo's `rcf-demo:success` mark), and a plain
// same-origin `fetch` of the backend's `/api/ping` started in the same message event.
// Usage: node scripts/bench-confirm.mjs [N]   (BENCH_CONFIRM_RUNS=N also works)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium, startStack } from '../test/e2e/harness.mjs';

const runs = Number(
  process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? process.env.BENCH_CONFIRM_RUNS ?? 20,
);

/** Runs in the app page before its own scripts. */
function instrument() {
  const flows = [];
  window.__rcfConfirmBench = flows;
  addEventListener(
    'message',
    (event) => {
      if (event.data?.type !== 'authenticationSuccess') return;
      const flow = {
        message: performance.now(),
        visibility: document.visibilityState,
        focused: document.hasFocus(),
      };
      flows.push(flow);
      // The plain fetch, from the same page in the same task.
      flow.pingStart = performance.now();
      void fetch(`/api/ping?n=${flows.length}`, { cache: 'no-store' })
        .then((response) => response.text())
        .then(() => (flow.pingEnd = performance.now()));
    },
    true,
  );
  const plainFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const flow = flows.at(-1);
    if (!flow || !url.includes('/confirm/')) return plainFetch(input, init);
    flow.confirmStart = performance.now();
    return plainFetch(input, init).then((response) => {
      flow.confirmHeaders = performance.now();
      const json = response.json.bind(response);
      response.json = () => json().finally(() => (flow.confirmBody = performance.now()));
      return response;
    });
  };
}

/** What the page knows once `onSuccess` ran: the flow's marks and both requests' timings. */
function collect() {
  const flow = window.__rcfConfirmBench.at(-1);
  const [success] = performance.getEntriesByName('rcf-demo:success');
  const resources = performance.getEntriesByType('resource');
  const phases = (entry) =>
    entry && {
      start: entry.startTime,
      queued: entry.connectStart - entry.fetchStart,
      connect: entry.connectEnd - entry.connectStart,
      newConnection: entry.connectEnd > entry.connectStart,
      waiting: entry.requestStart - entry.connectEnd,
      firstByte: entry.responseStart - entry.requestStart,
      body: entry.responseEnd - entry.responseStart,
      total: entry.responseEnd - entry.startTime,
      server: entry.serverTiming?.find((timing) => timing.name === 'app')?.duration,
      provider: entry.serverTiming?.find((timing) => timing.name === 'provider')?.duration,
    };
  return {
    ...flow,
    success: success?.startTime,
    confirm: phases(resources.find((entry) => entry.name.includes('/confirm/'))),
    ping: phases(resources.find((entry) => entry.name.includes('/api/ping'))),
  };
}

/**
 * The demo in its own process, as a server is: in this one, Playwright's own work on the event
 * loop (the popup's events) would delay the handler's every await. `--in-process` for the old way.
 */
async function startDemoProcess() {
  const start = fileURLToPath(new URL('../demo/start.mjs', import.meta.url));
  const child = spawn(process.execPath, [start, '--port', '0', '--providers-port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const appOrigin = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const origin = /App and backend:\s+(http:\/\/\S+?)\/\s/.exec(output)?.[1];
      if (origin) resolve(origin);
    });
    child.on('exit', (code) => reject(new Error(`the demo exited (${code}): ${output}`)));
  });
  const close = () =>
    new Promise((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
  return { appOrigin, close };
}

const inProcess = process.argv.includes('--in-process');
const demo = inProcess ? await startStack() : await startDemoProcess();
const browser = await launchChromium();
const samples = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.addInitScript(instrument);
    const page = await context.newPage();
    await page.goto(`${demo.appOrigin}/zapier?mode=popup`);
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: /^Connect / }).click(),
    ]);
    await popup.locator('button[data-outcome="success"]').click();
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('rcf-demo:success').length > 0 &&
        window.__rcfConfirmBench.at(-1)?.pingEnd !== undefined,
    );
    samples.push(await page.evaluate(collect));
    await context.close();
  }
} finally {
  await browser.close();
  await demo.close();
}

const sorted = (values) => values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
const p50 = (values) => sorted(values)[Math.floor((sorted(values).length - 1) / 2)];
const max = (values) => sorted(values).at(-1);
const ms = (value) => (value === undefined ? '-' : `${value.toFixed(1)} ms`);
const rows = [
  ['message → onSuccess', samples.map((s) => s.success - s.message)],
  ['message → confirm fetch() called', samples.map((s) => s.confirmStart - s.message)],
  ['confirm fetch() → headers', samples.map((s) => s.confirmHeaders - s.confirmStart)],
  ['confirm headers → json()', samples.map((s) => s.confirmBody - s.confirmHeaders)],
  ['confirm json() → onSuccess', samples.map((s) => s.success - s.confirmBody)],
  ['confirm fetch() → resource start', samples.map((s) => s.confirm?.start - s.confirmStart)],
  ['confirm: queued/stalled', samples.map((s) => s.confirm?.queued)],
  ['confirm: connect', samples.map((s) => s.confirm?.connect)],
  ['confirm: connected → request sent', samples.map((s) => s.confirm?.waiting)],
  ['confirm: request → first byte', samples.map((s) => s.confirm?.firstByte)],
  ['confirm: body', samples.map((s) => s.confirm?.body)],
  ['confirm: resource total', samples.map((s) => s.confirm?.total)],
  ['confirm: handler (Server-Timing app)', samples.map((s) => s.confirm?.server)],
  ['confirm: provider call in it', samples.map((s) => s.confirm?.provider)],
  ['plain fetch (/api/ping), same event', samples.map((s) => s.pingEnd - s.pingStart)],
  ['ping fetch() → resource start', samples.map((s) => s.ping?.start - s.pingStart)],
  ['ping: resource total', samples.map((s) => s.ping?.total)],
  ['ping: queued/stalled', samples.map((s) => s.ping?.queued)],
  ['ping: connect', samples.map((s) => s.ping?.connect)],
  ['ping: connected → request sent', samples.map((s) => s.ping?.waiting)],
  ['ping: request → first byte', samples.map((s) => s.ping?.firstByte)],
];
console.log(
  `\n${runs} Zapier popup flows, Chromium, demo stack (node scripts/bench-confirm.mjs)\n`,
);
console.log('| measure | p50 | max |\n|---|---:|---:|');
for (const [label, values] of rows)
  console.log(`| ${label} | ${ms(p50(values))} | ${ms(max(values))} |`);
const newConnections = samples.filter((s) => s.confirm?.newConnection).length;
const visible = samples.filter((s) => s.visibility === 'visible').length;
const focused = samples.filter((s) => s.focused).length;
console.log(
  `\nconfirm on a new connection: ${newConnections}/${samples.length}; app page at the message: visible ${visible}/${samples.length}, focused ${focused}/${samples.length}`,
);
const ratio = (pick) =>
  pick(samples.map((s) => s.success - s.message)) /
  pick(samples.map((s) => s.pingEnd - s.pingStart));
console.log(
  `message → onSuccess vs plain fetch: ${ratio(p50).toFixed(2)}× at p50, ${ratio(max).toFixed(2)}× at max (goal ≤ 1.5×)`,
);
const paired = samples.map((s) => (s.success - s.message) / (s.pingEnd - s.pingStart));
console.log(
  `per flow, (message → onSuccess) / (plain fetch): p50 ${p50(paired).toFixed(2)}×, max ${max(paired).toFixed(2)}×`,
);
if (process.env.BENCH_CONFIRM_RAW) console.log(JSON.stringify(samples, null, 1));
