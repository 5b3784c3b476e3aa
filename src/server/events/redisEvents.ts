import { commandOf, type RedisClient } from '../stores/redisStore';
import { ListenerHub, type ConnectEvents } from './connectEvents';

/** An ioredis client kept for subscriptions: `subscribe`, `unsubscribe`, its `message` event. */
export interface IoRedisSubscriber {
  call(command: string, args: string[]): Promise<unknown>;
  subscribe(...channels: string[]): Promise<unknown>;
  unsubscribe(...channels: string[]): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
}

/** A node-redis client (v4, v5) kept for subscriptions: `subscribe(channel, listener)`. */
export interface NodeRedisSubscriber {
  subscribe(
    channel: string,
    listener: (message: string, channel: string) => unknown,
  ): Promise<unknown>;
  unsubscribe(
    channel: string,
    listener: (message: string, channel: string) => unknown,
  ): Promise<unknown>;
}

export interface RedisEventsOptions {
  /** A connected client that publishes: the one given to `redisStore` will do. */
  publisher: RedisClient;
  /**
   * A connected client of its own for subscriptions (`publisher.duplicate()`): a client in
   * subscriber mode runs no other command.
   */
  subscriber: IoRedisSubscriber | NodeRedisSubscriber;
}

/** The instance's events engine on Redis, with its count of live subscriptions. */
export interface RedisEvents extends ConnectEvents {
  /** Live subscriptions on this instance (one per open event stream with a uid). */
  subscriberCount(): number;
}

interface Broker {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
}

/** Redis's side of the subscriptions, told apart by shape: ioredis has `call`, node-redis not. */
function brokerOf(
  subscriber: RedisEventsOptions['subscriber'],
  deliver: (channel: string, message: string) => void,
): Broker {
  if ('call' in subscriber && typeof subscriber.on === 'function') {
    const client = subscriber;
    client.on('message', (channel, message) => deliver(channel, message));
    return {
      subscribe: (channel) => client.subscribe(channel),
      unsubscribe: (channel) => client.unsubscribe(channel),
    };
  }
  if (typeof subscriber.subscribe !== 'function' || typeof subscriber.unsubscribe !== 'function') {
    throw new TypeError('redisEvents: the subscriber is not an ioredis or node-redis client');
  }
  const client = subscriber as NodeRedisSubscriber;
  const listener = (message: string, channel: string) => deliver(channel, message);
  return {
    subscribe: (channel) => client.subscribe(channel, listener),
    unsubscribe: (channel) => client.unsubscribe(channel, listener),
  };
}

const ignore = () => undefined;

/**
 * Events shared by every instance through Redis pub/sub: a webhook that reaches one instance
 * reaches the user's streams on all of them. Takes two connected ioredis or node-redis (v4, v5)
 * clients, which stay the app's (the package has no Redis dependency): one publishes, one is
 * kept for subscriptions. Each instance subscribes once per channel with listeners, and
 * unsubscribes when its last listener goes. Both clients subscribe again after a reconnect;
 * events published while Redis is unreachable are lost (pub/sub keeps no history), which the
 * page covers by reading the status after each reconnect.
 */
export function redisEvents(options: RedisEventsOptions): RedisEvents {
  const command = commandOf(options.publisher);
  const hub = new ListenerHub();
  const broker = brokerOf(options.subscriber, (channel, message) => hub.deliver(channel, message));
  // Redis's (un)subscriptions of each channel, in order: a subscribe after an unsubscribe wins.
  const queues = new Map<string, Promise<unknown>>();
  const ready = new Map<string, Promise<unknown>>();

  function queue(channel: string, step: () => Promise<unknown>): Promise<unknown> {
    const done = (queues.get(channel) ?? Promise.resolve()).catch(ignore).then(step);
    queues.set(channel, done);
    const forget = () => void (queues.get(channel) === done && queues.delete(channel));
    done.then(forget, forget);
    return done;
  }

  function remove(channel: string, handle: Parameters<ListenerHub['remove']>[1]) {
    if (!hub.remove(channel, handle)) return;
    ready.delete(channel);
    queue(channel, () => broker.unsubscribe(channel)).catch(ignore);
  }

  return {
    async publish(channel, message) {
      await command(['PUBLISH', channel, message]);
    },
    async subscribe(channel, listener) {
      const { handle, first } = hub.add(channel, listener);
      if (first)
        ready.set(
          channel,
          queue(channel, () => broker.subscribe(channel)),
        );
      try {
        await ready.get(channel);
      } catch (thrown) {
        remove(channel, handle);
        throw thrown;
      }
      return () => remove(channel, handle);
    },
    subscriberCount: () => hub.size,
  };
}
