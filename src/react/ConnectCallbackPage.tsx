'use client';
import { callbackScreenText } from './callbackText';
import { classNamesOf } from './classNames';
import { CallbackScreen, type CallbackScreenProps } from './CallbackScreen';
import { useCallbackOutcome, type UseCallbackOutcomeOptions } from './useCallbackOutcome';

export interface ConnectCallbackPageProps
  extends
    UseCallbackOutcomeOptions,
    Omit<CallbackScreenProps, 'outcome' | 'returnTo' | 'closeHint'> {}

/**
 * The route element for the callback URL: shows the success, retry, admin-approval or error
 * screen. In the browser it reads the address in its first render; on a server, and while
 * hydrating, it renders from `url` (or a `verified` outcome), so both render the same markup.
 * Until there is an outcome to show it renders a short status line.
 */
export function ConnectCallbackPage(props: ConnectCallbackPageProps) {
  const { outcome, returnTo, closeHint } = useCallbackOutcome(props);
  if (outcome) {
    return (
      <CallbackScreen {...props} outcome={outcome} returnTo={returnTo} closeHint={closeHint} />
    );
  }
  const text = props.messages?.pending ?? callbackScreenText.pending;
  const className = classNamesOf('rcf', 'rcf', props.classNames, props.unstyled);
  return (
    <section className={className('root')} data-state="pending" aria-busy="true">
      <p role="status">{text}</p>
    </section>
  );
}
