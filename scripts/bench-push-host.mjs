#!/usr/bin/env node
// One handler instance for `npm run bench:push`: createConnectHandler on nodeListener with the
// shared Redis store and Redis events (ioredis), as an app behind a load balancer runs it.
// Each user's Emerge uid is in Redis (`bench:uid:{user}`), as an app keeps it in its database.
// `GET /` is the app page: `<ExportStatus basePath>` (the package's own, bundled) plus a plain
// EventSource that records each event's arrival with `Date.now()` (the machine's one clock).
// `GET /__stats` answers RSS, heap, live event subscriptions and the export-status reads per user.
// Environment: REDIS_PORT, RCF_SERVER_MODULE (the bundled server entry), RCF_PAGE_SCRIPT (the
// bundled page), EMERGE_CONFIG (the mock providers' `handlerConfig.emerge`, as JSON).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Redis from 'ioredis';

const env = process.env;
const { createConnectHandler, nodeListener, redisEvents, redisStore } = await import(
  env.RCF_SERVER_MODULE
);
const redis = new Redis({ port: Number(env.REDIS_PORT) });
const events = redisEvents({ publisher: redis, subscriber: redis.duplicate() });
const userOf = (request) =>
  /(?:^|; )bench_user=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
const statusReads = new Map();

const handler = createConnectHandler({
  basePath: '/api/connect',
  secret: 'a-bench-cookie-secret-of-32-chars-or-more',
  getUser: userOf,
  getEmergeUid: async (user) => (await redis.get(`bench:uid:${user}`)) ?? undefined,
  onConnected: () => {},
  onWebhook: () => {},
  flowStore: redisStore(redis),
  webhookStore: redisStore(redis),
  events,
  emerge: JSON.parse(env.EMERGE_CONFIG),
  onError: (error, context) => console.error(`host ${context.route}: ${error.message}`),
});

const script = readFileSync(env.RCF_PAGE_SCRIPT, 'utf8');
const page = `<!doctype html><meta charset="utf-8"><title>push bench</title>
<div id="root"></div><script type="module">${script}</script>`;

function stats(res) {
  const { rss, heapUsed } = process.memoryUsage();
  const reads = Object.fromEntries(statusReads);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ rss, heapUsed, subscribers: events.subscriberCount(), reads }));
}

let listener;
const server = createServer((req, res) => {
  if (req.url === '/__stats') return stats(res);
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page);
  }
  if (req.url === '/api/connect/export-status') {
    const user = /(?:^|; )bench_user=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    statusReads.set(user, (statusReads.get(user) ?? 0) + 1);
  }
  listener ??= nodeListener(handler, `http://127.0.0.1:${server.address().port}`);
  void listener(req, res);
});
server.keepAliveTimeout = 60_000;
server.maxConnections = 5000;
process.on('SIGTERM', () => process.exit(0));
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
