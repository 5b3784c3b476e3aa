import type { ConnectEvent } from '../browser/connectEvent';
import type { ConnectOutcome, SuccessOutcome } from '../model/types';

/** What the page shows. `outcome` is `undefined` while there is nothing to show yet. */
export interface CallbackView {
  outcome: ConnectOutcome | undefined;
  /** Where the flow started: a same-origin path, from the stored flow only. */
  returnTo: string | undefined;
  /** This popup relayed its outcome to the opener but could not close itself. */
  closeHint: boolean;
}

export interface CallbackCallbacks {
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
  onSuccess?: ((outcome: SuccessOutcome) => void) | undefined;
  /** A redirect attempt's last steps: `returned`, then its `outcome`. */
  onEvent?: ((event: ConnectEvent) => void) | undefined;
}

export const viewOf = (outcome: ConnectOutcome | undefined, returnTo?: string): CallbackView => ({
  outcome,
  returnTo,
  closeHint: false,
});
