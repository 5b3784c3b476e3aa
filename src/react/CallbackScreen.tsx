'use client';
import type { ComponentType, ReactNode } from 'react';
import type { Action, ConnectOutcome, Screen } from '../core/model/types';
import { callbackWords, type CallbackMessages, type callbackScreenText } from './callbackText';
import { classNamesOf } from './classNames';

/** The parts that carry a class name: `rcf` on the root, `rcf-{part}` on the others. */
export type CallbackPart =
  'root' | 'heading' | 'message' | 'detail' | 'note' | 'actions' | 'action';

/** What a replacement screen from `components` gets. */
export interface ScreenProps {
  outcome: ConnectOutcome;
  /** The screens' words, the app's `messages` merged over the defaults. */
  words: typeof callbackScreenText;
  heading: string;
  /** The outcome's text: never text from the callback parameters. */
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
  /** Rewords any text: the screens' words, shared texts, `{code}` or `{provider}.{code}`. */
  messages?: Partial<CallbackMessages> | undefined;
  classNames?: Partial<Record<CallbackPart, string>> | undefined;
  /** Replaces the screen for an outcome; the root element stays. */
  components?: Partial<Record<Screen, ComponentType<ScreenProps>>> | undefined;
  /** Leaves out the default class names (the stylesheet's hooks); `classNames` still apply. */
  unstyled?: boolean | undefined;
}

// Screen readers and keyboards start at the news, not at the top of the app. One function for
// every render, so React calls it when the heading mounts, not on each re-render.
const focusHeading = (heading: HTMLElement | null) => heading?.focus();

/** A button when the app handles the action, else a plain link (to where the flow started). */
function ActionLink(props: {
  label: string;
  run?: (() => void) | undefined;
  href: string;
  className: string | undefined;
}) {
  const { label, run, href, className } = props;
  if (run) {
    return (
      <button type="button" className={className} onClick={run}>
        {label}
      </button>
    );
  }
  return (
    <a className={className} href={href}>
      {label}
    </a>
  );
}

/** The actions an outcome's `action` offers. */
function actionLinks(action: Action, props: ScreenProps): ReactNode {
  const { words, retry, back, returnTo = '/' } = props;
  const className = props.className('action');
  switch (action) {
    case 'continue':
      return <ActionLink label={words.continue} href={returnTo} className={className} />;
    case 'retry':
      return <ActionLink label={words.retry} run={retry} href={returnTo} className={className} />;
    case 'go-back':
      return (
        <>
          <ActionLink label={words.retry} run={retry} href={returnTo} className={className} />
          <ActionLink label={words.back} run={back} href={returnTo} className={className} />
        </>
      );
    case 'request-approval': {
      // A prefilled email in our words only: nothing from the callback parameters goes in.
      const subject = encodeURIComponent(words.requestSubject);
      const body = encodeURIComponent(words.requestBody);
      const href = `mailto:?subject=${subject}&body=${body}`;
      return <ActionLink label={words.email} href={href} className={className} />;
    }
    case 'contact-support':
    case 'try-later':
      // Nothing beyond the support link every error screen gets when the app gives a URL.
      return null;
    default:
      return action satisfies never;
  }
}

/** The default screen: heading, message, detail, note, actions. */
function DefaultScreen(props: ScreenProps) {
  const { outcome, words, heading, message, detail, closeHint, supportUrl, className } = props;
  return (
    <>
      <h1 ref={focusHeading} tabIndex={-1} className={className('heading')}>
        {heading}
      </h1>
      <p role={outcome.screen === 'success' ? 'status' : 'alert'} className={className('message')}>
        {message}
      </p>
      {detail && <p className={className('detail')}>{detail}</p>}
      {closeHint && (
        <p role="status" className={className('note')}>
          {words.close}
        </p>
      )}
      <div className={className('actions')}>
        {actionLinks(outcome.action, props)}
        {outcome.screen === 'error' && supportUrl && (
          <ActionLink label={words.support} href={supportUrl} className={className('action')} />
        )}
      </div>
    </>
  );
}

/**
 * The screen for an outcome, inside the root element that carries `data-state` and
 * `data-provider`. `<ConnectCallbackPage />` uses it; an app can show a `useConnect` outcome
 * (`popup_blocked`, `cancelled`, ...) with it too.
 */
export function CallbackScreen(props: CallbackScreenProps) {
  const { outcome, onRetry, onBack } = props;
  const { words, heading, message, detail } = callbackWords(outcome, props.messages);
  const className = classNamesOf<CallbackPart>('rcf', 'rcf', props.classNames, props.unstyled);
  const screenProps: ScreenProps = {
    outcome,
    words,
    heading,
    message,
    detail,
    returnTo: props.returnTo,
    closeHint: !!props.closeHint,
    retry: onRetry && (() => onRetry(outcome)),
    back: onBack && (() => onBack(outcome)),
    supportUrl: props.supportUrl,
    className,
  };
  const Screen = props.components?.[outcome.screen] ?? DefaultScreen;
  return (
    <section
      className={className('root')}
      data-state={outcome.screen}
      data-provider={outcome.provider}
      aria-label={heading}
    >
      <Screen {...screenProps} />
    </section>
  );
}
