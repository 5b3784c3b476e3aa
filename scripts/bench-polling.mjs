// Polling benchmark: requests made until an export is seen ready, and how late it is seen,
// for the package's schedule (the real `nextPollDelay`, bundled from src/core/pollSchedule.ts)
// against fixed 5-second polling. Exports finish at times spread uniformly between 1 and
// 15 minutes ("Export takes 1-15 minutes", Emerge docs), from a fixed seed.
// Model, as the hook runs: the first poll at 0, each next one `nextPollDelay` after the
// previous answer; answers take `LATENCY_MS`; a poll sees the export if it finished before
// the request reached the server. Usage: node scripts/bench-polling.mjs [samples] [seed]
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const samples = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 20261123);
const LATENCY_MS = 150;

const { outputFiles } = await build({
  entryPoints: [fileURLToPath(new URL('../src/core/pollSchedule.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  write: false,
  logLevel: 'error',
});
const source = Buffer.from(outputFiles[0].contents).toString('base64');
const { nextPollDelay, defaultPollSchedule } = await import(
  `data:text/javascript;base64,${source}`
);

/** mulberry32: a small deterministic PRNG, so every run draws the same exports. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const draw = random(seed);
const readyAt = Array.from({ length: samples }, () => 60_000 + draw() * 14 * 60_000);

/** Polls until the export is seen; `delay(elapsed, attempt)` is the wait after an answer, `undefined` to give up. */
function simulate(ready, delay) {
  let requests = 0;
  for (let sent = 0; sent !== undefined;) {
    requests++;
    const answered = sent + LATENCY_MS;
    if (sent + LATENCY_MS / 2 >= ready) return { requests, late: answered - ready };
    const wait = delay(answered, requests);
    sent = wait === undefined ? undefined : answered + wait;
  }
  return { requests, late: undefined };
}

const schedules = [
  [
    `react-connect-flow (${defaultPollSchedule.initial / 1000} s, x${defaultPollSchedule.factor}, up to ${defaultPollSchedule.max / 1000} s)`,
    (elapsed) => nextPollDelay({ elapsed }),
  ],
  ['fixed 5 s', () => 5000],
  // The Emerge quickstart's loop: 10 attempts, sleeping 1.5 s x attempt (about 82 s in all).
  [
    'quickstart loop (1.5 s x attempt, 10 tries)',
    (_, attempt) => (attempt < 10 ? 1500 * attempt : undefined),
  ],
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const s = (ms) => (ms / 1000).toFixed(1);

console.log(
  `${samples} exports ready between 1 and 15 min (seed ${seed}), ${LATENCY_MS} ms per answer\n`,
);
const rows = schedules.map(([name, delay]) => {
  const runs = readyAt.map((ready) => simulate(ready, delay));
  const seen = runs.filter((run) => run.late !== undefined);
  const requests = runs.map((run) => run.requests);
  const late = seen.map((run) => run.late);
  return {
    schedule: name,
    'requests median': median(requests),
    'requests worst': Math.max(...requests),
    'requests total': requests.reduce((a, b) => a + b, 0),
    'delay median (s)': seen.length ? s(median(late)) : '-',
    'delay worst (s)': seen.length ? s(Math.max(...late)) : '-',
    'seen ready': `${((100 * seen.length) / samples).toFixed(1)} %`,
  };
});
console.table(rows);
const [ours, fixed] = rows;
console.log(
  `\n${(fixed['requests total'] / ours['requests total']).toFixed(1)}x fewer requests than fixed 5 s polling; ` +
    `readiness seen ${ours['delay median (s)']} s after it happens at the median (${ours['delay worst (s)']} s worst), ` +
    `against ${fixed['delay median (s)']} s (${fixed['delay worst (s)']} s).`,
);
