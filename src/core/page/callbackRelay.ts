import type { CallbackBrowser } from '../browser/callbackBrowser';
import type { FlowRecord } from '../browser/flowRecord';
import type { OutcomeSummary } from '../model/outcomeSummary';
import { relayCallback } from '../browser/relay';
import { sealPayload, type RelayPayload } from '../browser/relaySeal';
import type { ConnectOutcome } from '../model/types';

/** A flow this page relays to: a `useConnect` popup of the outcome's provider, with its key. */
export type RelayingFlow = FlowRecord & { flowId: string; relayKey: string };

export function relaysFor(
  flow: FlowRecord | undefined,
  outcome: ConnectOutcome,
): flow is RelayingFlow {
  return (
    flow?.mode === 'popup' && !!flow.flowId && !!flow.relayKey && flow.provider === outcome.provider
  );
}

/**
 * Seals the payload with the flow's key and relays it to the opener; `onReceipt` gets what the
 * opener decided, or `undefined` when no receipt came (then the page handles it itself).
 */
export function relayToOpener(
  browser: CallbackBrowser,
  flow: RelayingFlow,
  payload: RelayPayload,
  onReceipt: (summary: OutcomeSummary | undefined) => void,
): void {
  sealPayload(payload, flow.relayKey).then(
    (sealed) => {
      const message = { type: 'rcf:callback', flowId: flow.flowId, ...sealed } as const;
      relayCallback(message, onReceipt, browser.relayWindow);
    },
    () => onReceipt(undefined),
  );
}
