import type { FlowBrowser, PopupHandle } from '../browser/flowBrowser';
import { newFlowRecord, type FlowRecord } from '../browser/flowRecord';
import { AttemptFunnel, type EventSink } from '../browser/connectEvent';
import type { AttemptSettings } from './connectOptions';
import { holdOpenerCopy } from './openerCopy';
import type { AnyProviderAdapter, OutcomeCode, Screen } from '../model/types';

/**
 * What a press of Connect does synchronously, in the click, before the rest of the flow has
 * loaded (`flowAttempt.ts` comes with `import()`): the attempt's record and funnel, and its
 * popup, opened while the click still allows it.
 */
export interface AttemptStart {
  record: FlowRecord;
  funnel: AttemptFunnel;
  /** The popup showing `about:blank`; `null` in redirect mode or when the browser blocked it. */
  popup: PopupHandle | null;
  /** Removes the opener's copy of the record (idempotent). */
  releaseOpenerCopy: () => void;
}

/**
 * Starts an attempt: a fresh record (state, relay id and key), the funnel's `started`, and in
 * popup or auto mode the popup, with the record saved first for its copy. A blocked popup is
 * `popup_blocked` in the funnel; in auto mode the attempt goes on as a redirect.
 */
export function startAttempt(
  adapter: AnyProviderAdapter,
  browser: FlowBrowser,
  settings: AttemptSettings,
  sink: () => EventSink,
): AttemptStart {
  const mode = settings.mode === 'redirect' ? 'redirect' : 'popup';
  const funnel = new AttemptFunnel(adapter.id, mode, sink, () => browser.now());
  const where = { provider: adapter.id, returnTo: browser.currentPath() };
  const record = newFlowRecord(where, funnel, settings.timeout);
  const start: AttemptStart = { record, funnel, popup: null, releaseOpenerCopy: () => {} };
  funnel.step('started');
  if (settings.mode === 'redirect') return start;
  const release = holdOpenerCopy(browser, record);
  const popup = browser.openPopup(settings.popupSize);
  // Some blockers hand back a window that is already closed.
  if (popup && !popup.closed) return { ...start, popup, releaseOpenerCopy: release };
  release();
  funnel.step('popup_blocked');
  if (settings.mode === 'auto') funnel.mode = 'redirect';
  return start;
}

/**
 * A second press while an attempt runs: brings its popup to the front, or waits for a redirect
 * that is launching. False when the popup was closed (or cut by COOP): the user starts again.
 */
export function resumePopup(popup: PopupHandle | null): boolean {
  if (!popup) return true;
  if (popup.closed) return false;
  popup.focus();
  return true;
}

/**
 * An attempt that ends before its flow loaded: the funnel hears how (`cancelled` when it was
 * given up), the opener's copy goes and the popup closes.
 */
export function abandonStart(
  start: AttemptStart,
  outcome: { screen: Screen; code: OutcomeCode | undefined } = {
    screen: 'retry',
    code: 'cancelled',
  },
): void {
  start.funnel.outcome(outcome);
  start.releaseOpenerCopy();
  start.popup?.close();
}
