import { CallbackScreen, type CallbackScreenProps } from './CallbackScreen';
import { useCallbackOutcome, type UseCallbackOutcomeOptions } from './useCallbackOutcome';

export interface ConnectCallbackPageProps
  extends
    UseCallbackOutcomeOptions,
    Omit<CallbackScreenProps, 'outcome' | 'returnTo' | 'closeHint'> {}

/**
 * The route element for the callback URL: reads the callback in its first render and shows
 * the success, retry, admin-approval or error screen.
 *
 * On a server it touches no `window`: without a `url` it renders nothing (there is no address
 * to read, and no sessionStorage holding the flow); with `url` (and the `expectedState` the
 * server kept) it renders that outcome. The stored flow context lives in the browser only, so
 * render this page on the client (an SPA route, or `ssr: false`) unless the server can pass
 * both; a server render that lacks them would differ from the client's first render.
 */
export function ConnectCallbackPage(props: ConnectCallbackPageProps) {
  const read = useCallbackOutcome(props);
  return read.outcome ? <CallbackScreen {...props} {...read} outcome={read.outcome} /> : null;
}
