import type { FlowBrowser, PopupHandle } from '../browser/flowBrowser';
import { readProviderMessage } from '../model/providerMessage';
import type { AnyProviderAdapter, CallbackExpectation, ConnectOutcome } from '../model/types';

/** What a result listener gets from the running attempt: its dependencies, not a record. */
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

/** How an open popup's result comes back. Returns its cleanup. */
export type ResultListener = (context: ListenContext) => () => void;

/** The provider posts its result from its own origin (Zapier's `postMessage`). */
export const listenForMessages: ResultListener = (context) => {
  const { adapter, browser, messageOrigin, expectation } = context;
  return browser.onMessage((event) => {
    if (!messageOrigin) return;
    const sender = { origin: messageOrigin, source: context.popup() };
    const outcome = readProviderMessage(adapter, event, sender, expectation);
    if (outcome) context.finish(outcome);
  });
};
