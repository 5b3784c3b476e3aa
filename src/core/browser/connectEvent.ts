import { callApp } from '../shared/appCallback';
import { randomBase64Url } from '../shared/base64url';
import type { FlowRecord } from '../browser/flowRecord';
import type { OutcomeCode, Screen } from '../model/types';

/**
 * A step of one attempt, in this order: `started`; `popup_blocked` if the browser blocked the
 * popup; `launched` (the launch resolved to a usable URL) or `launch_failed`; `provider_shown`
 * (the popup was sent to the provider, or the redirect began); `returned` (a callback, relay or
 * message arrived). Then exactly one `outcome`.
 */
export type ConnectStep =
  'started' | 'popup_blocked' | 'launched' | 'launch_failed' | 'provider_shown' | 'returned';

interface ConnectEventFields {
  /** The adapter's id. */
  provider: string;
  /** How the attempt runs at this step: `auto` starts as `popup`, then `redirect` if blocked. */
  mode: 'popup' | 'redirect';
  /** Random, new for each press of Connect; the same across a redirect. */
  attemptId: string;
  /** Milliseconds since the press. */
  at: number;
}

export interface ConnectStepEvent extends ConnectEventFields {
  type: ConnectStep;
}

/** The attempt's one outcome: its screen and code (`undefined` for a success). */
export interface ConnectOutcomeEvent extends ConnectEventFields {
  type: 'outcome';
  screen: Screen;
  code: OutcomeCode | undefined;
}

/**
 * One step of an attempt's funnel (`onEvent`). Events carry no state, token, URL or uid: they
 * are safe to send to analytics as they are.
 */
export type ConnectEvent = ConnectStepEvent | ConnectOutcomeEvent;

/** Where events go: the app's `onEvent`, read when an event is sent. */
export type EventSink = ((event: ConnectEvent) => void) | undefined;

/**
 * One attempt's funnel: its id, when it started, its mode, and `outcome` sent once. A throwing
 * `onEvent` is reported (`reportError`) and never breaks the flow.
 */
export class AttemptFunnel {
  readonly attemptId: string;
  readonly startedAt: number;
  mode: 'popup' | 'redirect';
  readonly #provider: string;
  readonly #sink: () => EventSink;
  readonly #now: () => number;
  readonly #steps = new Set<ConnectStep | 'outcome'>();

  constructor(
    provider: string,
    mode: 'popup' | 'redirect',
    sink: () => EventSink,
    now: () => number,
    trace: { attemptId: string; startedAt: number } = {
      attemptId: randomBase64Url(12),
      startedAt: now(),
    },
  ) {
    this.#provider = provider;
    this.mode = mode;
    this.#sink = sink;
    this.#now = now;
    this.attemptId = trace.attemptId;
    this.startedAt = trace.startedAt;
  }

  /** Whether this step (or the outcome) was sent. */
  saw(type: ConnectStep | 'outcome'): boolean {
    return this.#steps.has(type);
  }

  /** The redirect began: the callback page it returns to reports the rest. */
  handedOff(): boolean {
    return this.mode === 'redirect' && this.#steps.has('provider_shown');
  }

  step(type: ConnectStep): void {
    this.#send({ ...this.#fields(), type });
  }

  /** The outcome, once: later ones (a `close()` after the end) are dropped. */
  outcome({ screen, code }: { screen: Screen; code: OutcomeCode | undefined }): void {
    this.#send({ ...this.#fields(), type: 'outcome', screen, code });
  }

  #fields(): ConnectEventFields {
    const { attemptId, mode } = this;
    return { provider: this.#provider, mode, attemptId, at: this.#now() - this.startedAt };
  }

  #send(event: ConnectEvent): void {
    if (this.#steps.has('outcome')) return;
    this.#steps.add(event.type);
    callApp(this.#sink(), event);
  }
}

/** A redirect attempt `useConnect` stored, continued by the callback page it returned to. */
export function returnedFunnel(flow: FlowRecord | undefined, sink: () => EventSink) {
  if (flow?.mode !== 'redirect' || !flow.attemptId || flow.startedAt === undefined) return;
  const trace = { attemptId: flow.attemptId, startedAt: flow.startedAt };
  return new AttemptFunnel(flow.provider, 'redirect', sink, Date.now, trace);
}
