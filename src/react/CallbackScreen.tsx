import type { ComponentType } from 'react';
import type { ConnectOutcome, Screen } from '../core/types';
import { callbackMessages, type CallbackMessageKey, type CallbackMessages } from './messages';

/** The parts that carry a class name: `rcf` on the root, `rcf-{part}` on the others. */
export type CallbackPart =
  'root' | 'heading' | 'message' | 'detail' | 'note' | 'actions' | 'action';

/** What a replacement screen from `components` gets. */
export interface ScreenProps {
  outcome: ConnectOutcome;
  /** The full messages table (defaults merged with the `messages` prop). */
  messages: CallbackMessages;
  heading: string;
  /** The outcome's message from the table: never text from the callback parameters. */
  message: string;
  detail: string | undefined;
  /** Same-origin path where the flow started, when known. */
  returnTo: string | undefined;
  /** Show "You can close this window.": a popup that relayed its outcome but stays open. */
  closeHint: boolean;
  /** Restart the flow (the app's `onRetry`), when given. */
  retry: (() => void) | undefined;
  /** Leave the flow (the app's `onBack`), when given. */
  back: (() => void) | undefined;
  supportUrl: string | undefined;
  /** The class names of a part: the default one (unless `unstyled`) plus the app's. */
  className: (part: CallbackPart) => string | undefined;
}

export interface CallbackScreenProps {
  outcome: ConnectOutcome;
  returnTo?: string | undefined;
  closeHint?: boolean | undefined;
  /** "Try again": restart the flow with a fresh launch. Without it, a link to `returnTo`. */
  onRetry?: ((outcome: ConnectOutcome) => void) | undefined;
  /** "Go back" (Gigs `user_aborted`). Without it, a link to `returnTo`. */
  onBack?: ((outcome: ConnectOutcome) => void) | undefined;
  /** Adds a "Contact support" link to the error screen. */
  supportUrl?: string | undefined;
  /** Replaces any string; keys as in `callbackMessages`, plus any of the app's own. */
  messages?: Partial<Record<CallbackMessageKey, string>> & Record<string, string>;
  classNames?: Partial<Record<CallbackPart, string>> | undefined;
  /** Replaces the screen for an outcome; the root element stays. */
  components?: Partial<Record<Screen, ComponentType<ScreenProps>>> | undefined;
  /** Leaves out the default class names (the stylesheet's hooks); `classNames` still apply. */
  unstyled?: boolean | undefined;
}

// Screen readers and keyboards start at the news, not at the top of the app. One function for
// every render, so React calls it when the heading mounts, not on each re-render.
const focus = (heading: HTMLElement | null) => heading?.focus();

/**
 * The screen for an outcome, inside the root element that carries `data-state` and
 * `data-provider`. `<ConnectCallbackPage />` uses it; an app can show a `useConnect` outcome
 * (`popup_blocked`, `cancelled`, ...) with it too.
 */
export function CallbackScreen(props: CallbackScreenProps) {
  const { outcome, onRetry, onBack, classNames, unstyled, supportUrl, returnTo } = props;
  const closeHint = !!props.closeHint;
  const { screen, action: next, messageKey } = outcome;
  const m: CallbackMessages = { ...callbackMessages, ...props.messages };
  const className = (part: CallbackPart) =>
    [!unstyled && (part === 'root' ? 'rcf' : `rcf-${part}`), classNames?.[part]]
      .filter(Boolean)
      .join(' ') || undefined;
  const heading = m[`heading_${outcome.reconnected ? 'reconnected' : screen}`];
  // Own keys only: a custom adapter's code may be any string, `toString` included.
  const message = (Object.hasOwn(m, messageKey) && m[messageKey]) || m.generic;
  const detail = m[`detail_${messageKey}`] ?? m[`detail_${screen}`];
  const retry = onRetry && (() => onRetry(outcome));
  const back = onBack && (() => onBack(outcome));
  const Replacement = props.components?.[screen];

  // A button when the app handles the action, else a plain link (to where the flow started).
  const link = (label: string, run?: () => void, href = returnTo ?? '/') =>
    run ? (
      <button type="button" className={className('action')} onClick={run}>
        {label}
      </button>
    ) : (
      <a className={className('action')} href={href}>
        {label}
      </a>
    );

  return (
    <section
      className={className('root')}
      data-state={screen}
      data-provider={outcome.provider}
      aria-label={heading}
    >
      {Replacement ? (
        <Replacement
          {...{ outcome, heading, message, detail, returnTo, closeHint, retry, back, supportUrl }}
          messages={m}
          className={className}
        />
      ) : (
        <>
          <h1 ref={focus} tabIndex={-1} className={className('heading')}>
            {heading}
          </h1>
          <p role={screen === 'success' ? 'status' : 'alert'} className={className('message')}>
            {message}
          </p>
          {detail && <p className={className('detail')}>{detail}</p>}
          {closeHint && (
            <p role="status" className={className('note')}>
              {m.close}
            </p>
          )}
          {/* The actions each `action` offers; `contact-support` and `try-later` offer none
              beyond the support link every error screen gets when the app gives a URL. */}
          <div className={className('actions')}>
            {next === 'continue' && link(m.continue)}
            {(next === 'retry' || next === 'go-back') && link(m.retry, retry)}
            {next === 'go-back' && link(m.back, back)}
            {next === 'request-approval' &&
              // A prefilled email in our words only: nothing from the callback parameters goes in.
              link(
                m.email,
                undefined,
                `mailto:?subject=${encodeURIComponent(m.requestSubject)}&body=${encodeURIComponent(m.requestBody)}`,
              )}
            {screen === 'error' && supportUrl && link(m.support, undefined, supportUrl)}
          </div>
        </>
      )}
    </section>
  );
}
