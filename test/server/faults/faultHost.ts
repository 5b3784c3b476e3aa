// A handler process for the fault tests: node:http + nodeListener, both stores on one Redis.
// Environment: REDIS_PORT, CLIENT (ioredis | node-redis), LEASE (seconds), HANG (onWebhook never
// returns, so the test can SIGKILL the process inside it). It prints one line per event.
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { createConnectHandler } from '../../../src/server/connectHandler';
import { nodeListener } from '../../../src/server/http/nodeListener';
import { redisStore, type RedisClient } from '../../../src/server/stores/redisStore';

const port = Number(process.env.REDIS_PORT);

async function connect(): Promise<RedisClient> {
  if (process.env.CLIENT === 'ioredis') {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }
  const client = createClient({ socket: { host: '127.0.0.1', port } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

const store = redisStore(await connect());
const handler = createConnectHandler({
  basePath: '/api/connect',
  secret: 'a-fault-test-cookie-secret-of-32-chars',
  getUser: () => undefined,
  onConnected: () => undefined,
  emerge: {
    clientId: 'client',
    signingSecret: 'signing-secret',
    apiToken: 'api-token',
    webhookSecret: 'emerge-webhook-secret',
  },
  flowStore: store,
  webhookStore: store,
  webhookLease: Number(process.env.LEASE),
  async onWebhook(webhook) {
    console.log(`onWebhook ${webhook.idempotencyKey}`);
    if (process.env.HANG) await new Promise(() => undefined);
    console.log(`handled ${webhook.idempotencyKey}`);
  },
  onError: (error, info) => console.log(`onError ${info.status} ${info.code} ${error.name}`),
});

const server = createServer(nodeListener(handler, 'http://127.0.0.1'));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
