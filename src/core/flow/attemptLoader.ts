import { noParams } from '../model/decision';
import { flowMessages } from '../model/flowMessages';
import type { AnyProviderAdapter, ErrorOutcome } from '../model/types';
import { abandonStart, resumePopup, type AttemptStart } from './attemptStart';
import type { FlowAttempt } from './flowAttempt';

/** The part of a flow that loads after its start: the attempt, and how it launches. */
export type AttemptModule = typeof import('./flowAttempt');

let loading: Promise<AttemptModule> | undefined;
let loaded: AttemptModule | undefined;

/**
 * Loads the flow past its start (`flowAttempt.ts`, its listeners, outcomes and texts), once.
 * `useConnect` calls it on mount, so a press rarely waits for it; a failed load is tried again
 * on the next call.
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

/**
 * The outcome when `flowAttempt.ts` could not load (a deploy replaced it, the network
 * dropped): `launch_failed`, as `launchFailedOutcome` makes it, without loading its texts.
 */
export function loadFailedOutcome(adapter: AnyProviderAdapter, reason: unknown): ErrorOutcome {
  const own = adapter.messages;
  const text = own && Object.hasOwn(own, 'launch_failed') ? own.launch_failed : undefined;
  return {
    action: 'retry',
    hint: reason instanceof Error ? reason.message : String(reason),
    provider: adapter.id,
    status: undefined,
    message: text ?? flowMessages.launch_failed,
    messageKey: 'launch_failed',
    params: noParams,
    appQuery: '',
    reconnected: false,
    screen: 'error',
    code: 'launch_failed',
  };
}

/**
 * An attempt from the press on. Its start is already done (the popup opened in the click); the
 * `FlowAttempt` runs as soon as its module is there: at once when it has loaded before, else
 * when it loads. Meanwhile a second press focuses the popup, `cancel` waits for the attempt
 * (which reports `cancelled`), and `end` closes the popup at once.
 */
export class StartedAttempt<Launch> {
  readonly #start: AttemptStart;
  #attempt: FlowAttempt<Launch> | undefined;
  #cancelled = false;
  #over = false;

  readonly #adapter: AnyProviderAdapter;
  readonly #create: (module: AttemptModule) => FlowAttempt<Launch>;
  readonly #onLoadFailed: (outcome: ErrorOutcome) => void;

  constructor(
    adapter: AnyProviderAdapter,
    start: AttemptStart,
    create: (module: AttemptModule) => FlowAttempt<Launch>,
    onLoadFailed: (outcome: ErrorOutcome) => void,
  ) {
    this.#adapter = adapter;
    this.#start = start;
    this.#create = create;
    this.#onLoadFailed = onLoadFailed;
  }

  /** Runs the attempt now if its module is there, else once it loads. */
  begin(): void {
    if (loaded) this.#run(loaded);
    else loadFlowAttempt().then(this.#run, this.#fail);
  }

  /** Whether the attempt waits for its module. */
  get loading(): boolean {
    return !this.#attempt && !this.#over;
  }

  #run = (module: AttemptModule): void => {
    if (this.#over) return;
    this.#attempt = this.#create(module);
    if (this.#cancelled) this.#attempt.cancel();
    else this.#attempt.run();
  };

  #fail = (reason: unknown): void => {
    if (this.#over) return;
    this.#over = true;
    const outcome = loadFailedOutcome(this.#adapter, reason);
    const { funnel, popup } = this.#start;
    funnel.step('launch_failed');
    funnel.outcome(outcome);
    this.#start.releaseOpenerCopy();
    popup?.close();
    this.#onLoadFailed(outcome);
  };

  resume(): boolean {
    return this.#attempt ? this.#attempt.resume() : resumePopup(this.#start.popup);
  }

  cancel(): void {
    if (this.#attempt) this.#attempt.cancel();
    else this.#cancelled = true;
  }

  end(): void {
    if (this.#attempt) return this.#attempt.end();
    if (this.#over) return;
    this.#over = true;
    abandonStart(this.#start);
  }
}
