import type { FlowBrowser, PopupHandle } from '../browser/flowBrowser';
import type { AnyProviderAdapter, CallbackExpectation, ConnectOutcome } from '../model/types';
/** What a result listener gets from the running attempt. */
export interface ListenContext {
  adapter: AnyProviderAdapter;
  browser: FlowBrowser;
  /** The popup we opened (it may be replaced by `null` once the attempt ends). */
  popup: () => PopupHandle | null;
  /** The provider's message origin for this launch, when it posts its result. */
  messageOrigin: string | undefined;
  expectation: CallbackExpectation;
  /** This flow's relay id and key (our callback page in the popup relays with them). */
  flowId: string;
  relayKey: string;
  isOver: () => boolean;
  finish: (outcome: ConnectOutcome) => void;
}

/**
 * How an open popup's result comes back. Part of the adapter, so a bundle carries only the way
 * its providers use. Returns its cleanup.
 */
export type ResultListener = (context: ListenContext) => () => void;
