import { outcomeOf } from '../model/outcome';
import { restoreOutcome, summarize } from '../model/outcomeSummary';
import { decideCallback } from '../model/parseCallback';
import { isRelayMessage, relayAcceptWindow, type RelayAck } from '../browser/relay';
import { openPayload } from '../browser/relaySeal';
import type { ResultListener } from './resultListener';

/**
 * The popup lands on the app's own callback page, which relays the callback sealed with this
 * flow's key (redirect-only providers: Gigs, Emerge). A relay counts only for this flow and
 * only when it opens with the key; the receipt tells the popup what was decided.
 */
export const listenForRelay: ResultListener = (context) => {
  const { adapter, browser, expectation, flowId, relayKey } = context;
  async function take(data: unknown, fromPopup: boolean) {
    if (!isRelayMessage(data) || data.flowId !== flowId) return;
    const payload = await openPayload(data, relayKey);
    if (!payload || payload.provider !== adapter.id || context.isOver()) return;
    // Too old: the popup has given up waiting for a receipt and handles the callback itself.
    if (Date.now() - payload.sentAt > relayAcceptWindow) return;
    const outcome = payload.verified
      ? restoreOutcome(payload.verified)
      : outcomeOf(
          { provider: adapter, params: payload.params },
          decideCallback(adapter, payload.params, expectation),
        );
    // The receipt lets the popup close; without one it handles the callback itself.
    const ack: RelayAck = { type: 'rcf:ack', flowId, summary: summarize(outcome) };
    try {
      channel?.post(ack);
      if (fromPopup) context.popup()?.postMessage(ack, browser.origin);
    } catch {
      // Without a receipt the popup shows the outcome itself: the flow still ends here.
    }
    context.finish(outcome);
  }
  const channel = browser.openChannel((data) => void take(data, false));
  const stopMessages = browser.onMessage((event) => {
    if (event.origin === browser.origin && event.source === context.popup()) {
      void take(event.data, true);
    }
  });
  return () => {
    channel?.close();
    stopMessages();
  };
};
