/** What `AbortSignal.timeout` aborts with. */
const timeoutReason = () =>
  new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/** Node's timers would keep the process up for a deadline; other runtimes' have no `unref`. */
const unref = (timer: unknown) => (timer as { unref?: () => void }).unref?.();

/** The provider calls' deadlines of one request. */
export interface ProviderDeadlines {
  /** A signal that aborts with a `TimeoutError` after the deadline, as `AbortSignal.timeout`. */
  signal: () => AbortSignal;
  /** Ends the timers: the request is done. */
  clear: () => void;
}

/**
 * Deadlines for one request's provider calls, `ms` each. Not `AbortSignal.timeout`: on Node 20
 * that costs about 12 µs a call (a weak timer and a finalizer), this about 1 µs, and the timers
 * end with the request instead of at their deadline.
 */
export function providerDeadlines(ms: number): ProviderDeadlines {
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  return {
    signal() {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(timeoutReason()), ms);
      unref(timer);
      timers.push(timer);
      return controller.signal;
    },
    clear() {
      for (const timer of timers.splice(0)) clearTimeout(timer);
    },
  };
}
