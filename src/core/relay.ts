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

/** Sends the callback to the opener. Returns whether any channel took it. */
export function relayCallback(message: RelayMessage, win: Window = window): boolean {
  let sent = false;
  try {
    const channel = new BroadcastChannel(relayChannelName);
    channel.postMessage(message);
    channel.close();
    sent = true;
  } catch {
    // No BroadcastChannel (old browsers): the opener channel below remains.
  }
  try {
    if (win.opener && win.opener !== win) {
      win.opener.postMessage(message, win.location.origin);
      sent = true;
    }
  } catch {
    // A cross-origin or closed opener: nothing more to do.
  }
  return sent;
}
