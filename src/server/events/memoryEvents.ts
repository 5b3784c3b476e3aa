import { ListenerHub, type ConnectEvents } from './connectEvents';
import { productionWarning } from '../stores/productionWarning';

/** The events of one instance: its count of live subscriptions, for tests and metrics. */
export interface MemoryEvents extends ConnectEvents {
  /** Live subscriptions on this instance (one per open event stream with a uid). */
  subscriberCount(): number;
}

const warnInProduction = productionWarning(
  'react-connect-flow: memoryEvents delivers webhook events to the event streams of this one ' +
    'instance only. With several instances or processes, pass events: redisEvents({ publisher, subscriber }).',
);

/**
 * The default events engine: memory of this one process. A webhook that reaches this instance
 * reaches the streams open on this instance; behind a load balancer, pass `redisEvents`. Warns
 * once when created while `NODE_ENV` is `production`.
 */
export function memoryEvents(): MemoryEvents {
  warnInProduction();
  const hub = new ListenerHub();
  return {
    publish(channel, message) {
      hub.deliver(channel, message);
      return Promise.resolve();
    },
    subscribe(channel, listener) {
      const { handle } = hub.add(channel, listener);
      return Promise.resolve(() => void hub.remove(channel, handle));
    },
    subscriberCount: () => hub.size,
  };
}
