import type { CookieSecret } from '../cookies/signedCookie';
import { hmacSha256Hex } from '../hmac';

/**
 * How the handler's events reach the user's open streams, on this instance or all of them:
 * `memoryEvents()` (one instance, the default) or `redisEvents({ publisher, subscriber })`.
 * Anything with these two methods plugs in (the app's own broker). Messages are opaque strings;
 * delivery is at most once, with no history: a stream that was not subscribed misses the event.
 */
export interface ConnectEvents {
  /** Delivers `message` to every listener of `channel` on every instance sharing the engine. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `listener` with each message later published on `channel`. Resolves once the
   * subscription is live, with the function that ends it (safe to call more than once).
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => void>;
}

/**
 * A user's channel: an HMAC of the uid with the handler's secret (the first, when it rotates),
 * so no channel name, log line or Redis key carries the uid. Instances that share the secret
 * share the channel.
 */
export async function userChannel(secret: CookieSecret, uid: string): Promise<string> {
  const key = typeof secret === 'string' ? secret : (secret[0] ?? '');
  return `rcf:events:${await hmacSha256Hex(key, `events:${uid}`)}`;
}

interface Subscription {
  listener: (message: string) => void;
}

/**
 * The listeners of each channel on this instance. `add` and `remove` say when a channel gains
 * its first or loses its last listener, which is when a broker subscribes or unsubscribes.
 */
export class ListenerHub {
  readonly #channels = new Map<string, Set<Subscription>>();
  #count = 0;

  /** Adds a listener; its handle removes it. True in `first` when the channel had none. */
  add(channel: string, listener: (message: string) => void) {
    const handle: Subscription = { listener };
    let listeners = this.#channels.get(channel);
    const first = !listeners;
    if (!listeners) this.#channels.set(channel, (listeners = new Set()));
    listeners.add(handle);
    this.#count += 1;
    return { handle, first };
  }

  /** Removes a listener once; true when it was the channel's last. */
  remove(channel: string, handle: Subscription): boolean {
    const listeners = this.#channels.get(channel);
    if (!listeners?.delete(handle)) return false;
    this.#count -= 1;
    if (listeners.size) return false;
    this.#channels.delete(channel);
    return true;
  }

  /** Calls each listener of the channel; one that throws does not stop the others. */
  deliver(channel: string, message: string): void {
    for (const { listener } of [...(this.#channels.get(channel) ?? [])]) {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own; the others still get the message.
      }
    }
  }

  /** Listeners on every channel of this instance. */
  get size(): number {
    return this.#count;
  }
}
