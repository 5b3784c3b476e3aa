import { outcomeOf } from './outcome';
import { decideCallback } from './parseCallback';
import type {
  AnyProviderAdapter,
  CallbackExpectation,
  CallbackParams,
  ConnectOutcome,
} from './types';

/** The parts of a `MessageEvent` the check needs (a real event fits). */
export interface MessageLike {
  origin: string;
  source: unknown;
  data: unknown;
}

/** Where a provider's message must come from: its origin, and the window we opened. */
export interface MessageSender {
  origin: string;
  source: unknown;
}

/** The adapter's own parameter names, with a non-empty string value, in a prototype-free map. */
function providerParams(adapter: AnyProviderAdapter, read: CallbackParams): CallbackParams {
  const params = Object.create(null) as Record<string, string>;
  for (const name of adapter.params) {
    const value = Object.hasOwn(read, name) ? read[name] : undefined;
    if (typeof value === 'string' && value) params[name] = value;
  }
  return params;
}

/**
 * Reads a provider's `postMessage` result. Anything not from the expected origin **and** the
 * window we opened, or not a result this provider documents, is `undefined`: ignored, not an
 * error.
 */
export function readProviderMessage(
  adapter: AnyProviderAdapter,
  event: MessageLike,
  sender: MessageSender,
  expectation: CallbackExpectation = {},
): ConnectOutcome | undefined {
  if (event.origin !== sender.origin || !event.source || event.source !== sender.source) {
    return undefined;
  }
  const read = adapter.readMessage?.(event.data);
  if (!read) return undefined;
  const params = providerParams(adapter, read);
  return outcomeOf({ provider: adapter, params }, decideCallback(adapter, params, expectation));
}
