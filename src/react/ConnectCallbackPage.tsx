import { CallbackScreen, type CallbackScreenProps } from './CallbackScreen';
import { useCallbackOutcome, type UseCallbackOutcomeOptions } from './useCallbackOutcome';

export interface ConnectCallbackPageProps
  extends
    UseCallbackOutcomeOptions,
    Omit<CallbackScreenProps, 'outcome' | 'returnTo' | 'closeHint'> {}

/**
 * The route element for the callback URL: reads the callback in its first render and shows
 * the success, retry, admin-approval or error screen. Renders nothing on a server without
 * a `url` (there is no address to read).
 */
export function ConnectCallbackPage(props: ConnectCallbackPageProps) {
  const { outcome, returnTo, closeHint } = useCallbackOutcome(props);
  return outcome ? (
    <CallbackScreen {...props} outcome={outcome} returnTo={returnTo} closeHint={closeHint} />
  ) : null;
}
