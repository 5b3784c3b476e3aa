import { useEffect, useRef, type ReactNode } from 'react';
import type { ScreenProps } from './CallbackScreen';

/** The default screen: heading, message, optional detail, and the outcome's actions. */
export function DefaultScreen(props: ScreenProps) {
  const { outcome, messages: m, retry, back, supportUrl, className } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers and keyboards start at the news, not at the top of the app.
  useEffect(() => heading.current?.focus(), []);
  const home = props.returnTo ?? '/';
  const action = (label: string, run?: () => void, href = home) =>
    run ? (
      <button type="button" className={className('action')} onClick={run}>
        {label}
      </button>
    ) : (
      <a className={className('action')} href={href}>
        {label}
      </a>
    );

  let actions: ReactNode;
  switch (outcome.action) {
    case 'continue':
      actions = action(m.continue);
      break;
    case 'retry':
      actions = action(m.retry, retry);
      break;
    case 'go-back':
      actions = (
        <>
          {action(m.retry, retry)}
          {action(m.back, back)}
        </>
      );
      break;
    case 'request-approval':
      // A prefilled email in our words only: nothing from the callback parameters goes in.
      actions = action(
        m.email,
        undefined,
        `mailto:?subject=${encodeURIComponent(m.requestSubject)}&body=${encodeURIComponent(m.requestBody)}`,
      );
      break;
    case 'contact-support':
    case 'try-later':
      break;
    default:
      outcome.action satisfies never;
  }

  return (
    <>
      <h1 ref={heading} tabIndex={-1} className={className('heading')}>
        {props.heading}
      </h1>
      <p role={outcome.screen === 'success' ? 'status' : 'alert'} className={className('message')}>
        {props.message}
      </p>
      {props.detail && <p className={className('detail')}>{props.detail}</p>}
      {props.closeHint && (
        <p role="status" className={className('note')}>
          {m.close}
        </p>
      )}
      <div className={className('actions')}>
        {actions}
        {outcome.screen === 'error' && supportUrl && action(m.support, undefined, supportUrl)}
      </div>
    </>
  );
}
