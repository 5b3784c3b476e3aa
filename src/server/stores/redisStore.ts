import type { DedupeStore } from './dedupeStore';

/** An ioredis client (v5, v6): raw commands through `call(command, args)`. */
export interface IoRedisClient {
  call(command: string, args: string[]): Promise<unknown>;
}

/** A node-redis client (`redis` v4, v5): raw commands through `sendCommand([command, ...args])`. */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** What `redisStore` takes: a connected ioredis or node-redis client, the app's own. */
export type RedisClient = IoRedisClient | NodeRedisClient;

// Compare-and-set in one step on the server: two instances never both turn one lease into done.
const setIfEqualsScript =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then " +
  "redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end return 0";
const deleteIfEqualsScript =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** A raw Redis command: `['SET', key, value]`. */
export type RedisCommand = (args: string[]) => Promise<unknown>;

/** The client's raw-command method, told apart by shape: ioredis has `call`, node-redis has not. */
export function commandOf(client: RedisClient): RedisCommand {
  if ('call' in client && typeof client.call === 'function') {
    return ([command = '', ...args]) => client.call(command, args);
  }
  if ('sendCommand' in client && typeof client.sendCommand === 'function') {
    return (args) => client.sendCommand(args);
  }
  throw new TypeError('expected an ioredis or a node-redis (v4, v5) client');
}

/** Redis takes whole seconds, one at least. */
const seconds = (ttl: number) => String(Math.max(1, Math.ceil(ttl)));

/**
 * A store on Redis, shared by every instance of the handler: use it as `flowStore` (a flow's
 * callback is used once across instances: a replay on another instance finds it used) and as
 * `webhookStore` (a delivery is claimed for its lease, then done, by one instance at a time).
 * Takes a connected ioredis or node-redis (v4, v5) client, which stays the app's: the package
 * has no Redis dependency. Claims are `SET key value NX EX ttl`; a lease becomes done, or is
 * released, by a compare-and-set script (`EVAL`), so two instances never both hold a delivery.
 *
 * A client that queues commands while Redis is down (both do by default) makes calls hang: the
 * webhook route gives up after 2.5 s and answers 503.
 */
export function redisStore(client: RedisClient): DedupeStore {
  const command = commandOf(client);
  return {
    get: (key) => command(['GET', key]),
    set: (key, value, ttl) => command(['SET', key, value, 'EX', seconds(ttl)]),
    setIfAbsent: async (key, value, ttl) =>
      (await command(['SET', key, value, 'NX', 'EX', seconds(ttl)])) === 'OK',
    delete: (key) => command(['DEL', key]),
    setIfEquals: async (key, expected, value, ttl) =>
      Number(
        await command(['EVAL', setIfEqualsScript, '1', key, expected, value, seconds(ttl)]),
      ) === 1,
    deleteIfEquals: async (key, expected) =>
      Number(await command(['EVAL', deleteIfEqualsScript, '1', key, expected])) === 1,
  };
}
