import { noParams } from '../model/decision';
import { flowMessages } from '../model/flowMessages';
import type { FlowBrowser } from '../browser/flowBrowser';
import type { AnyProviderAdapter, ConnectOutcome } from '../model/types';
import { abandonStart, resumePopup, type AttemptStart } from './attemptStart';
import type { AttemptSettings } from './connectOptions';
import type { FlowAttempt } from './flowAttempt';

/** The part of a flow that loads after its start: the attempt, and how it launches. */
export type AttemptModule = typeof import('./flowAttempt');

let loading: Promise<AttemptModule> | undefined;
let loaded: AttemptModule | undefined;

/**
 * Loads the flow past its start (`flowAttempt.ts`, its listeners, outcomes and texts), once.
 * `useConnect` calls it on mount, so a press rarely waits for it. A failed load is tried again
 * on the next call, though a browser that keeps the failed fetch in its module map answers the
 * same error until the page is reloaded (whatwg/html#6768).
 */
export function loadFlowAttempt(): Promise<AttemptModule> {
  loading ??= import('./flowAttempt').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The outcomes a press can end in before its module is there. */
type StartCode = 'popup_blocked' | 'cancelled' | 'launch_failed';

/**
 * An outcome of a press whose module is not there yet (still loading, or it could not load),
 * made as `flowFailure.ts` makes it but without the outcome model and its texts: the adapter's
 * own text, else the flow's. `reason` is the developer's hint of a `launch_failed`.
 */
export function startOutcome(
  adapter: AnyProviderAdapter,
  code: StartCode,
  reason?: unknown,
): ConnectOutcome {
  const own = adapter.messages;
  const text = own && Object.hasOwn(own, code) ? own[code] : undefined;
  const fields = {
    provider: adapter.id,
    status: undefined,
    message: text ?? flowMessages[code],
    messageKey: code,
    params: noParams,
    appQuery: '',
    action: 'retry',
    reconnected: false,
  } as const;
  if (code === 'cancelled') return { ...fields, screen: 'retry', code };
  if (code === 'popup_blocked') return { ...fields, screen: 'error', code };
  const hint = reason instanceof Error ? reason.message : String(reason);
  return { ...fields, screen: 'error', code, hint };
}

/** How often a press that waits for its module checks the launch's time limit: 100 ms. */
const tick = 100;

/** What a press needs to wait for its module, and to end without it. */
export interface StartedAttemptOptions<Launch> {
  adapter: AnyProviderAdapter;
  browser: FlowBrowser;
  settings: AttemptSettings;
  /** Makes the attempt, once its module is there. */
  create: (module: AttemptModule) => FlowAttempt<Launch>;
  /** The outcome of a press that ended before its module was there. */
  onOutcome: (outcome: ConnectOutcome) => void;
}

/**
 * An attempt from the press on. Its start is already done (the popup opened in the click); the
 * `FlowAttempt` runs as soon as its module is there: at once when it has loaded before, else
 * when it loads. Until then this ends it on its own, with the same outcomes: `popup_blocked`
 * (a popup mode press with no popup), `cancelled` (`close()`, the popup closing at once),
 * `launch_failed` (the module did not load, or not within the launch's time limit, or the
 * attempt could not be made); `end()` closes the popup without callbacks. A second press
 * focuses the popup.
 */
export class StartedAttempt<Launch> {
  readonly #start: AttemptStart;
  readonly #options: StartedAttemptOptions<Launch>;
  #attempt: FlowAttempt<Launch> | undefined;
  #over = false;
  #stopTimer: () => void = () => {};

  constructor(start: AttemptStart, options: StartedAttemptOptions<Launch>) {
    this.#start = start;
    this.#options = options;
  }

  /** Runs the attempt now if its module is there, else once it loads. */
  begin(): void {
    if (loaded) return this.#run(loaded);
    const { adapter, browser, settings } = this.#options;
    if (!this.#start.popup && settings.mode === 'popup') {
      return this.#endWith(startOutcome(adapter, 'popup_blocked'));
    }
    const { startedAt } = this.#start.funnel;
    this.#stopTimer = browser.every(tick, () => {
      if (browser.now() - startedAt > settings.launchTimeout) this.#fail('launch timed out');
    });
    loadFlowAttempt().then(this.#run, this.#fail);
  }

  /** Whether the attempt waits for its module. */
  get loading(): boolean {
    return !this.#attempt && !this.#over;
  }

  resume(): boolean {
    return this.#attempt ? this.#attempt.resume() : resumePopup(this.#start.popup);
  }

  cancel(): void {
    if (this.#attempt) return this.#attempt.cancel();
    if (!this.#over) this.#endWith(startOutcome(this.#options.adapter, 'cancelled'));
  }

  end(): void {
    if (this.#attempt) return this.#attempt.end();
    if (this.#over) return;
    this.#over = true;
    this.#stopTimer();
    abandonStart(this.#start);
  }

  #run = (module: AttemptModule): void => {
    if (this.#over) return;
    this.#stopTimer();
    try {
      this.#attempt = this.#options.create(module);
    } catch (error) {
      return this.#fail(error);
    }
    this.#attempt.run();
  };

  #fail = (reason: unknown): void => {
    if (this.#over) return;
    this.#start.funnel.step('launch_failed');
    this.#endWith(startOutcome(this.#options.adapter, 'launch_failed', reason));
  };

  /** Ends before the module was there: the popup closes, the funnel and the store hear it. */
  #endWith(outcome: ConnectOutcome): void {
    this.#over = true;
    this.#stopTimer();
    abandonStart(this.#start, outcome);
    this.#options.onOutcome(outcome);
  }
}
