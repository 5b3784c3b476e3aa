import { sessionStorageOrNone } from './flowStorage';
import type { VerifiedOutcome } from '../model/outcomeSummary';
import type { RelayWindow } from './relay';
import { fetchServerResult } from './serverLaunch';

/** Everything the callback page needs of the browser, behind one seam. */
export interface CallbackBrowser {
  href(): string;
  historyState(): unknown;
  replaceHistory(state: unknown, url: string): void;
  readonly storage: Storage | undefined;
  closeWindow(): void;
  readonly relayWindow: RelayWindow;
  after(ms: number, run: () => void): void;
  /** The server's verified result for the flow the page's marker (`{provider}.{flowId}`) names. */
  fetchResult(basePath: string, marker?: string): Promise<VerifiedOutcome | undefined>;
}

export function windowCallbackBrowser(win: Window = window): CallbackBrowser {
  return {
    href: () => win.location.href,
    historyState: () => win.history.state as unknown,
    replaceHistory: (state, url) => win.history.replaceState(state, '', url),
    storage: sessionStorageOrNone(),
    closeWindow: () => win.close(),
    relayWindow: win,
    after: (ms, run) => void win.setTimeout(run, ms),
    fetchResult: fetchServerResult,
  };
}
