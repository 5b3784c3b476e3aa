import { readProviderMessage } from '../model/providerMessage';
import type { ResultListener } from './resultListener';

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
