import { callApp } from '../shared/appCallback';
import type { CancelledOutcome, ConnectOutcome, FailureOutcome, SuccessOutcome } from './types';

export const isCancelled = (outcome: { code: unknown }): outcome is CancelledOutcome =>
  outcome.code === 'cancelled';

/** The app's callbacks for an outcome. Each is optional; the page has no `onError`/`onCancel`. */
export interface AppCallbacks<Success extends SuccessOutcome = SuccessOutcome> {
  onSuccess?: ((outcome: Success) => void) | undefined;
  onError?: ((outcome: FailureOutcome) => void) | undefined;
  onCancel?: ((outcome: CancelledOutcome) => void) | undefined;
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
}

/**
 * The one order of the app's callbacks, in `useConnect` and on the callback page alike: the
 * specific one (`onSuccess`, `onCancel` or `onError`), then `onOutcome`, each on its own (a
 * callback that throws is reported and stops nothing).
 */
export function notifyApp<Success extends SuccessOutcome>(
  outcome: ConnectOutcome,
  callbacks: AppCallbacks<Success>,
): void {
  // Adapters answer success only with their identifier (parseCallback's guarantee, tested).
  if (outcome.screen === 'success') callApp(callbacks.onSuccess, outcome as Success);
  else if (isCancelled(outcome)) callApp(callbacks.onCancel, outcome);
  else callApp(callbacks.onError, outcome);
  callApp(callbacks.onOutcome, outcome);
}
