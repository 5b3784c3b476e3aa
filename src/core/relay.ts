/**
 * Our own protocol (not a provider's): the popup of a redirect-only provider lands on the
 * app's callback page, which hands the callback query to the window that opened it.
 * BroadcastChannel still connects the two when `Cross-Origin-Opener-Policy` on the provider
 * page has cut `window.opener`; `opener.postMessage` (exact target origin) covers the rest.
 */
export const relayChannelName = 'react-connect-flow';

export interface RelayMessage {
  type: 'rcf:callback';
  /** Provider id, as the callback page read it. */
  provider: string;
  /** The raw callback query; the opener parses it again with its own expected state. */
  query: string;
  /**
   * The flow this popup belongs to: the state in the flow context it was opened with. The
   * channel reaches every tab of the origin; an opener takes only its own flow's relays.
   */
  flow?: string | undefined;
}

export function isRelayMessage(data: unknown): data is RelayMessage {
  const message = data as Partial<RelayMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'rcf:callback' &&
    typeof message.provider === 'string' &&
    typeof message.query === 'string'
  );
}

/** The opener's receipt: it took the relay of this flow, so the popup can close. */
export interface RelayAck {
  type: 'rcf:ack';
  flow: string | undefined;
}

/**
 * Sends the callback to the opener (BroadcastChannel, and `opener.postMessage` with this
 * origin as the exact target) and waits for its receipt. `done(true)` once the opener took
 * it; `done(false)` when none did within `wait` ms (the opener reloaded or closed, or the
 * stored flow was stale): then the page must handle the callback itself. Returns a cleanup.
 */
export function relayCallback(
  message: RelayMessage,
  done: (taken: boolean) => void,
  win: Window = window,
  wait = 1500,
): () => void {
  let channel: BroadcastChannel | undefined;
  const cleanup = () => {
    clearTimeout(timer);
    channel?.close();
    win.removeEventListener('message', onMessage);
  };
  const finish = (taken: boolean) => {
    cleanup();
    done(taken);
  };
  // A BroadcastChannel only ever carries this origin's messages; a window message must say so.
  const onReceipt = ({ data }: { data: unknown }) => {
    const ack = data as Partial<RelayAck> | null;
    if (ack?.type === 'rcf:ack' && ack.flow === message.flow) finish(true);
  };
  const onMessage = (event: MessageEvent) => {
    if (event.origin === win.location.origin) onReceipt(event);
  };

  const timer = setTimeout(finish, wait, false);
  win.addEventListener('message', onMessage);
  try {
    channel = new BroadcastChannel(relayChannelName);
    channel.onmessage = onReceipt;
    channel.postMessage(message);
  } catch {
    // No BroadcastChannel (old browsers): the opener channel below remains.
  }
  try {
    if (win.opener && win.opener !== win) win.opener.postMessage(message, win.location.origin);
  } catch {
    // A cross-origin or closed opener: the receipt never comes, and the page handles it.
  }
  return cleanup;
}
