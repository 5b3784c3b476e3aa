import type { ComponentType } from 'react';
import type { ConnectOutcome, Screen } from '../core/types';
import { DefaultScreen } from './CallbackScreenDefault';
import { callbackMessages, type CallbackMessageKey, type CallbackMessages } from './messages';

/** The parts that carry a class name: `rcf` on the root, `rcf-{part}` on the others. */
export type CallbackPart =
  'root' | 'heading' | 'message' | 'detail' | 'note' | 'actions' | 'action';

/** What a screen gets, the default one or a replacement from `components`. */
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

/**
 * The screen for an outcome, inside the root element that carries `data-state` and
 * `data-provider`. `<ConnectCallbackPage />` uses it; an app can show a `useConnect` outcome
 * (`popup_blocked`, `cancelled`, ...) with it too.
 */
export function CallbackScreen(props: CallbackScreenProps) {
  const { outcome, onRetry, onBack, classNames, unstyled } = props;
  const messages: CallbackMessages = { ...callbackMessages, ...props.messages };
  const className = (part: CallbackPart) =>
    [!unstyled && (part === 'root' ? 'rcf' : `rcf-${part}`), classNames?.[part]]
      .filter(Boolean)
      .join(' ') || undefined;
  const heading = messages[`heading_${outcome.reconnected ? 'reconnected' : outcome.screen}`] ?? '';
  const Screen = props.components?.[outcome.screen] ?? DefaultScreen;
  return (
    <section
      className={className('root')}
      data-state={outcome.screen}
      data-provider={outcome.provider}
      aria-label={heading}
    >
      <Screen
        outcome={outcome}
        messages={messages}
        heading={heading}
        message={messages[outcome.messageKey] ?? messages.generic}
        detail={messages[`detail_${outcome.messageKey}`] ?? messages[`detail_${outcome.screen}`]}
        returnTo={props.returnTo}
        closeHint={!!props.closeHint}
        retry={onRetry && (() => onRetry(outcome))}
        back={onBack && (() => onBack(outcome))}
        supportUrl={props.supportUrl}
        className={className}
      />
    </section>
  );
}
