#!/usr/bin/env node
// One server for `npm run bench:server`, by mode: `handler` (the connect handler on
// nodeListener), `bare` (node:http answering a fixed JSON), `fetch-through` (node:http making
// the same Gigs call the launch makes, with plain fetch). `GET /__stats` answers the process's RSS, used heap (after a full GC)
// and the count of `onConnected` calls; `GET /__cpu` its CPU time so far (µs).
// Environment: MOCK_ORIGIN, GIGS_TOKEN, GIGS_PROJECT, RCF_SERVER_MODULE (the bundled server entry).
import { createServer } from 'node:http';

const mode = process.argv[2];
const { MOCK_ORIGIN: mock, GIGS_TOKEN: token, GIGS_PROJECT: project } = process.env;
const intent = { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_demo' } };
let origin = '';
let connected = 0;

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function drain(req) {
  for await (const chunk of req) void chunk;
}

async function fetchThrough(req, res) {
  await drain(req);
  const answer = await fetch(`${mock}/gigs/projects/${project}/connectSessions`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify({ intent, callbackUrl: `${origin}/api/connect/callback/gigs` }),
  });
  const session = await answer.json();
  json(res, 200, { id: session.id, url: session.url });
}

async function handlerListener() {
  const { createConnectHandler, nodeListener } = await import(process.env.RCF_SERVER_MODULE);
  const handler = createConnectHandler({
    basePath: '/api/connect',
    secret: 'a-bench-cookie-secret-of-32-chars-or-more',
    getUser: () => 'bench-user',
    onConnected: () => {
      connected += 1;
    },
    flowLifetime: 30,
    gigs: { apiToken: token, project, intent, baseUrl: `${mock}/gigs` },
  });
  let listener;
  return (req, res) => (listener ??= nodeListener(handler, origin))(req, res);
}

const serve = {
  bare: async () => async (req, res) => {
    await drain(req);
    json(res, 200, { ok: true });
  },
  'fetch-through': async () => fetchThrough,
  handler: handlerListener,
}[mode];
if (!serve) throw new Error(`unknown mode ${mode}`);
const inner = await serve();

const server = createServer((req, res) => {
  if (req.url === '/__cpu') {
    const { user, system } = process.cpuUsage();
    return json(res, 200, { cpu: user + system });
  }
  if (req.url === '/__stats') {
    // Garbage is not growth: collect it first (the bench starts hosts with --expose-gc).
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    return json(res, 200, { rss, heapUsed, connected });
  }
  Promise.resolve(inner(req, res)).catch(() => json(res, 500, { error: 'bench_host' }));
});
server.keepAliveTimeout = 60_000;
// A clean exit on SIGTERM, so `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  console.log(`listening ${server.address().port}`);
});
