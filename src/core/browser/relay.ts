import { isOutcomeSummary, type OutcomeSummary } from '../model/outcomeSummary';
import { relayChannelName } from '../wire/protocol';
import type { SealedPayload } from './relaySeal';

/**
 * Our own protocol (not a provider's): the popup of a redirect-only provider lands on the app's
 * callback page, which hands the callback to the window that opened it. BroadcastChannel still
 * connects the two when `Cross-Origin-Opener-Policy` on the provider page has cut
 * `window.opener`; `opener.postMessage` (exact target origin) covers the rest. The channel
 * reaches every tab of the origin, so the payload is sealed with a key only the flow holds.
 */
export interface RelayMessage extends SealedPayload {
  type: 'rcf:callback';
  /** The flow this popup belongs to; an opener takes only its own flow's relays. */
  flowId: string;
}

/**
 * The opener's receipt: it took the relay of this flow, so the popup can close. It says what
 * the opener decided, without identifiers, for the popup to show if it cannot close.
 */
export interface RelayAck {
  type: 'rcf:ack';
  flowId: string;
  summary: OutcomeSummary;
}

export function isRelayMessage(data: unknown): data is RelayMessage {
  const message = data as Partial<RelayMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'rcf:callback' &&
    typeof message.flowId === 'string' &&
    typeof message.iv === 'string' &&
    typeof message.sealed === 'string'
  );
}

export function isRelayAck(data: unknown, flowId: string): data is RelayAck {
  const ack = data as Partial<RelayAck> | null;
  return (
    typeof ack === 'object' &&
    ack !== null &&
    ack.type === 'rcf:ack' &&
    ack.flowId === flowId &&
    isOutcomeSummary(ack.summary)
  );
}

/** What the relay needs of the popup's window (a real `window` fits). */
export interface RelayWindow {
  location: { origin: string };
  opener: { postMessage(message: unknown, targetOrigin: string): void } | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** How long the popup waits for the opener's receipt before handling the callback itself. */
export const relayReceiptWait = 2500;

/**
 * How old a relay the opener still takes. Well under `relayReceiptWait`: an opener that wakes
 * up late (a frozen background tab) must not take a callback the popup has handled itself, or
 * both would call the app back.
 */
export const relayAcceptWindow = 1000;

/**
 * Sends the sealed callback to the opener and waits for its receipt. `done(summary)` once the
 * opener took it, with what it decided; `done(undefined)` when none did within `wait` ms (the
 * opener reloaded or closed, or the stored flow was stale): then the page must handle the
 * callback itself. Returns a cleanup.
 */
export function relayCallback(
  message: RelayMessage,
  done: (taken: OutcomeSummary | undefined) => void,
  win: RelayWindow = window,
  wait = relayReceiptWait,
): () => void {
  let channel: BroadcastChannel | undefined;
  const cleanup = () => {
    clearTimeout(timer);
    channel?.close();
    win.removeEventListener('message', onMessage);
  };
  const finish = (taken: OutcomeSummary | undefined) => {
    cleanup();
    done(taken);
  };
  // A BroadcastChannel only ever carries this origin's messages; a window message must say so.
  const onReceipt = (data: unknown) => {
    if (isRelayAck(data, message.flowId)) finish(data.summary);
  };
  const onMessage = (event: MessageEvent) => {
    if (event.origin === win.location.origin) onReceipt(event.data);
  };

  const timer = setTimeout(() => finish(undefined), wait);
  win.addEventListener('message', onMessage);
  try {
    channel = new BroadcastChannel(relayChannelName);
    channel.onmessage = (event) => onReceipt(event.data);
    channel.postMessage(message);
  } catch {
    // No BroadcastChannel (old browsers): the opener channel below remains.
  }
  try {
    const { opener } = win;
    if (opener && !Object.is(opener, win)) opener.postMessage(message, win.location.origin);
  } catch {
    // A cross-origin or closed opener: the receipt never comes, and the page handles it.
  }
  return cleanup;
}
