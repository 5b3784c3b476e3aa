// A handler process for the two-instance events test: node:http + nodeListener, the webhook
// store and the events on one Redis. Environment: REDIS_PORT, CLIENT (ioredis | node-redis).
// The signed-in user comes from the `x-test-user` header; `user-1` has the uid `psub_shared`,
// `user-2` `psub_other`.
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createConnectHandler } from '../../../src/server/connectHandler';
import { redisEvents, type RedisEventsOptions } from '../../../src/server/events/redisEvents';
import { nodeListener } from '../../../src/server/http/nodeListener';
import { redisStore } from '../../../src/server/stores/redisStore';

const port = Number(process.env.REDIS_PORT);

async function connect(): Promise<RedisEventsOptions> {
  if (process.env.CLIENT === 'ioredis') {
    const publisher = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
    publisher.on('error', () => undefined);
    await publisher.connect();
    const subscriber = publisher.duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    return { publisher, subscriber };
  }
  const publisher = createClient({ socket: { host: '127.0.0.1', port } });
  publisher.on('error', () => undefined);
  await publisher.connect();
  const subscriber = publisher.duplicate();
  subscriber.on('error', () => undefined);
  await subscriber.connect();
  return { publisher, subscriber };
}

const uids: Record<string, string> = { 'user-1': 'psub_shared', 'user-2': 'psub_other' };
const clients = await connect();
const handler = createConnectHandler({
  basePath: '/api/connect',
  secret: 'a-fault-test-cookie-secret-of-32-chars',
  getUser: (request) => request.headers.get('x-test-user') ?? undefined,
  getEmergeUid: (user) => uids[user],
  onConnected: () => undefined,
  emerge: {
    clientId: 'client',
    signingSecret: 'signing-secret',
    apiToken: 'api-token',
    webhookSecret: 'emerge-webhook-secret',
  },
  webhookStore: redisStore(clients.publisher),
  events: redisEvents(clients),
  onWebhook: (webhook) => console.log(`onWebhook ${webhook.event}`),
  onError: (error, info) => console.log(`onError ${info.status} ${info.code} ${error.name}`),
});

const server = createServer(nodeListener(handler, 'http://127.0.0.1'));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
