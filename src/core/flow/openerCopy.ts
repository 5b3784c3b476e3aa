import type { FlowBrowser } from '../browser/flowBrowser';
import { removeFlowRecord, saveFlowRecord, type FlowRecord } from '../browser/flowRecord';

/**
 * The opener's copy of a popup flow's record, saved just before `window.open` so the popup
 * starts with a copy of it (browsers copy sessionStorage into a popup they open).
 *
 * The copy must outlive `window.open`: WebKit takes the popup's copy after `window.open` has
 * returned (its UI process asks the network process to clone the opener's sessionStorage, which
 * can run after the opener's next write), so a copy removed at once is sometimes missing in the
 * popup, whose callback page then cannot relay (seen in WebKitGTK 2.50: docs/browsers.md).
 *
 * It must not outlive the flow's start either: a page loaded in this tab while the popup is
 * open (a crafted callback link) must not pass for the flow's callback. So it goes when the
 * flow has sent the popup to the provider (`release`), when the attempt ends (`release` as a
 * cleanup), or when this page is left, whichever comes first. Returns `release` (idempotent).
 */
export function holdOpenerCopy(browser: FlowBrowser, context: FlowRecord): () => void {
  const { storage } = browser;
  saveFlowRecord(context, storage);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    stopWatching?.();
    removeFlowRecord(storage);
  };
  const stopWatching = browser.onPageHide?.(release);
  return release;
}
