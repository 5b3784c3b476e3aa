import { decide, type ParseCallbackOptions } from './parseCallback';
import { createOutcome } from './outcome';
import type { CallbackParams, ConnectOutcome, ProviderAdapter } from './types';

/** The parts of a `MessageEvent` the check needs (a real event fits). */
export interface MessageLike {
  origin: string;
  source: unknown;
  data: unknown;
}

/**
 * Reads a provider's `postMessage` result. Anything not from `origin` **and** the window we
 * opened, or not a result this provider documents, is `undefined`: ignored, not an error.
 */
export function readProviderMessage(
  adapter: ProviderAdapter<never>,
  event: MessageLike,
  expected: { origin: string; source: unknown },
  options: ParseCallbackOptions = {},
): ConnectOutcome | undefined {
  if (event.origin !== expected.origin || !event.source || event.source !== expected.source) {
    return undefined;
  }
  const read = adapter.readMessage?.(event.data);
  if (!read) return undefined;
  const params: Record<string, string> = Object.create(null);
  for (const name of adapter.params) {
    const value = Object.hasOwn(read, name) ? read[name] : undefined;
    if (typeof value === 'string' && value) params[name] = value;
  }
  return createOutcome(adapter.id, decide(adapter, params as CallbackParams, options), params);
}
