import { showsBlank, type PopupHandle } from '../browser/flowBrowser';

/** What the opener knows when its popup handle first reads `closed`. */
export interface ClosedPopupFacts {
  /** The popup was sent to the provider (it was not still our blank page). */
  navigated: boolean;
  /** The handle showed the provider page for a whole second before reading closed. */
  shownForASecond: boolean;
  /** Whether a closed handle may be read as a cancel (the option, else the adapter's). */
  closeDetection: boolean;
  /** Results come back through our callback page's relay, not the provider's `postMessage`. */
  relays: boolean;
}

/**
 * What a popup handle that reads closed means: the user closed it (`cancelled`), or a provider
 * page sent with `Cross-Origin-Opener-Policy` cut the handle while the popup lives on
 * (`maybe-severed`: wait for the relay, the time limit, or `close()`).
 *
 * Measured in Debian's Chromium: with COOP the handle reads closed ~55 ms after navigating
 * (docs/browsers.md, "The close rule under COOP"), straight from our about:blank or after showing the page for 4-15 ms. A loaded
 * machine stretches that, hence a whole second; no user closes a page that fast.
 */
export function readClosedPopup(facts: ClosedPopupFacts): 'cancelled' | 'maybe-severed' {
  // Our own blank page, closed while launching: only the user does that.
  if (!facts.navigated) return 'cancelled';
  if (!facts.closeDetection) return 'maybe-severed';
  // A provider that posts its result needs `window.opener`: once the handle reads closed,
  // closed or severed, it can no longer deliver.
  if (!facts.relays) return 'cancelled';
  return facts.shownForASecond ? 'cancelled' : 'maybe-severed';
}

/** A popup that showed the provider page this long before reading closed was closed by a user. */
const shownLongEnough = 1000;

/**
 * One popup handle, watched tick by tick: whether the provider page showed for a second, and
 * whether a handle that reads closed (decided one tick later, so a relay sent just before the
 * popup closed itself wins) means the user cancelled.
 */
export class PopupWatch {
  readonly #closeDetection: boolean;
  readonly #relays: boolean;
  #navigated = false;
  #shownSince: number | undefined;
  #shownForASecond = false;
  #closedSeenAt: number | undefined;

  constructor(closeDetection: boolean, relays: boolean) {
    this.#closeDetection = closeDetection;
    this.#relays = relays;
  }

  /** The popup was sent to the provider. */
  navigated(): void {
    this.#navigated = true;
  }

  get hasNavigated(): boolean {
    return this.#navigated;
  }

  /** One tick; true when the popup was closed by the user. */
  closedByUser(popup: PopupHandle, now: number): boolean {
    if (!popup.closed) {
      this.#noteShown(popup, now);
      return false;
    }
    if (this.#closedSeenAt === undefined) {
      this.#closedSeenAt = now;
      return false;
    }
    const facts = {
      navigated: this.#navigated,
      shownForASecond: this.#shownForASecond,
      closeDetection: this.#closeDetection,
      relays: this.#relays,
    };
    return readClosedPopup(facts) === 'cancelled';
  }

  #noteShown(popup: PopupHandle, now: number): void {
    if (this.#shownForASecond || !this.#navigated || showsBlank(popup)) return;
    this.#shownSince ??= now;
    this.#shownForASecond = now - this.#shownSince >= shownLongEnough;
  }
}
