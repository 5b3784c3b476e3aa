import { errorOutcome, retryOutcome } from '../model/outcome';
import type {
  AnyProviderAdapter,
  CancelledOutcome,
  ErrorOutcome,
  RetryOutcome,
} from '../model/types';

/** The user closed the popup, or the app called `close()`. */
export function cancelledOutcome(adapter: AnyProviderAdapter): CancelledOutcome {
  const outcome = retryOutcome(
    { provider: adapter },
    {
      screen: 'retry',
      code: 'cancelled',
      action: 'retry',
    },
  );
  return { ...outcome, code: 'cancelled' };
}

/** The flow ran out of time: worth another try. */
export function timeoutOutcome(adapter: AnyProviderAdapter): RetryOutcome {
  return retryOutcome({ provider: adapter }, { screen: 'retry', code: 'timeout', action: 'retry' });
}

/** The browser blocked the popup (mode `popup`). */
export function popupBlockedOutcome(adapter: AnyProviderAdapter): ErrorOutcome {
  return errorOutcome(
    { provider: adapter },
    {
      screen: 'error',
      code: 'popup_blocked',
      action: 'retry',
    },
  );
}

/** The launch failed: `launch` rejected or was too slow, or its URL could not be opened. */
export function launchFailedOutcome(adapter: AnyProviderAdapter, reason: unknown): ErrorOutcome {
  return errorOutcome(
    { provider: adapter },
    {
      screen: 'error',
      code: 'launch_failed',
      action: 'retry',
      hint: reason instanceof Error ? reason.message : String(reason),
    },
  );
}
