import { documentVisibility, type PageVisibility } from '../browser/pageVisibility';
import {
  parseData,
  StreamState,
  type EventSourceConstructor,
  type StreamSignal,
} from './streamState';

export type { PageVisibility } from '../browser/pageVisibility';
export type { EventSourceConstructor, EventSourceLike, StreamSignal } from './streamState';

/**
 * One `EventSource` per URL, however many watchers: the server half's `{basePath}/events`
 * stream, shared by every hook of the page. Framework-free; the browser is injected.
 *
 * A stream is a hint, never the truth: watchers hear that it opened, that an event came, or that
 * it failed, and read their status endpoint. `EventSource` hides the HTTP status of a failure,
 * so a watcher that must tell a 401 from a dropped connection asks that endpoint.
 */

export interface EventStreamsEnvironment {
  /** Defaults to the global `EventSource`; without one, every stream stands down for polling. */
  EventSource?: EventSourceConstructor | undefined;
  /** Defaults to the document's `visibilityState`. */
  visibility?: PageVisibility | undefined;
}

/** The named events the server half sends. */
/**
 * The named events a stream carries: `export` and `consent`, and `subscribed` (the server
 * subscribed only after the stream opened, so anything before it was missed: read again).
 */
export const streamEventNames: readonly string[] = ['export', 'consent', 'subscribed'];

/** Failures in a row (without an open between) before polling takes over. */
export const streamFailureLimit = 3;
/** The first retry of a stream that stood down, in ms; each next one waits twice as long. */
export const streamRetryDelay = 60_000;
/** The longest wait between retries, in ms. */
export const streamRetryMax = 600_000;
/** A stream not open after this many ms counts as one that cannot open. */
export const streamOpenTimeout = 10_000;

/** `EventSource.CLOSED`: the browser gave up (an HTTP error, a wrong content type). */
const closedState = 2;

/**
 * The registry. Streams close while the tab is hidden and reopen when it shows (watchers hear
 * `open`). A stream that cannot open, or fails {@link streamFailureLimit} times in a row,
 * stands down (`isFallback`) and is retried after {@link streamRetryDelay}, doubling up to
 * {@link streamRetryMax}.
 */
export class EventStreams {
  readonly #streams = new Map<string, StreamState>();
  readonly #environment: EventStreamsEnvironment;
  #stopVisibility: (() => void) | undefined;

  constructor(environment: EventStreamsEnvironment = {}) {
    this.#environment = environment;
  }

  /**
   * Watches `url`, opening its stream for the first watcher. The returned cleanup closes it
   * after the last one leaves, a microtask later: StrictMode's unmount and mount again keep it.
   */
  watch(url: string, hear: (signal: StreamSignal) => void): () => void {
    let stream = this.#streams.get(url);
    if (!stream) {
      stream = new StreamState(url, streamRetryDelay);
      this.#streams.set(url, stream);
      this.#listenToVisibility();
      this.#connect(stream);
    }
    const watcher = { hear };
    stream.watchers.add(watcher);
    const watched = stream;
    return () => {
      if (!watched.watchers.delete(watcher)) return;
      queueMicrotask(() => {
        if (watched.watchers.size === 0 && this.#streams.get(url) === watched)
          this.#remove(watched);
      });
    };
  }

  /** Whether the stream of `url` stood down, so its watchers should poll. */
  isFallback(url: string): boolean {
    return this.#streams.get(url)?.fallback ?? false;
  }

  /**
   * Resolves once the stream of `url` is open, has stood down, or after `maxWait` ms: a status
   * read made then misses no event sent after it.
   */
  whenOpen(url: string, maxWait: number): Promise<void> {
    const stream = this.#streams.get(url);
    if (!stream || stream.open || stream.fallback) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stream.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWait);
      stream.waiters.add(done);
    });
  }

  #hidden() {
    return (this.#environment.visibility ?? documentVisibility).hidden();
  }

  #connect(stream: StreamState) {
    if (stream.source || this.#hidden()) return;
    const Source =
      this.#environment.EventSource ??
      (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
    if (!Source) {
      // No EventSource (an old browser, a test environment): poll, and never retry.
      stream.fallback = true;
      stream.release();
      return;
    }
    const source = new Source(stream.url);
    stream.source = source;
    source.onopen = () => {
      if (stream.source === source) this.#opened(stream);
    };
    source.onerror = () => {
      if (stream.source === source) this.#failed(stream, source.readyState === closedState);
    };
    for (const name of streamEventNames) {
      source.addEventListener(name, (event) => {
        if (stream.source === source)
          stream.emit({ type: 'event', name, data: parseData(event.data) });
      });
    }
    stream.openTimer = setTimeout(() => this.#failed(stream, true), streamOpenTimeout);
  }

  #opened(stream: StreamState) {
    clearTimeout(stream.openTimer);
    stream.open = true;
    stream.failures = 0;
    stream.fallback = false;
    stream.retryDelay = streamRetryDelay;
    stream.release();
    stream.emit({ type: 'open' });
  }

  /** `gaveUp`: the browser will not reconnect by itself, or the stream never opened in time. */
  #failed(stream: StreamState, gaveUp: boolean) {
    stream.open = false;
    stream.failures += 1;
    if (gaveUp || stream.failures >= streamFailureLimit) this.#standDown(stream);
    stream.emit({ type: 'error' });
  }

  /** Polling takes over; the stream is tried again later, each time twice as late. */
  #standDown(stream: StreamState) {
    this.#disconnect(stream);
    stream.fallback = true;
    stream.release();
    clearTimeout(stream.retryTimer);
    stream.retryTimer = setTimeout(() => {
      stream.retryTimer = undefined;
      stream.failures = 0;
      // A hidden tab connects when it shows again (`#onVisibility`).
      this.#connect(stream);
    }, stream.retryDelay);
    stream.retryDelay = Math.min(streamRetryMax, stream.retryDelay * 2);
  }

  #disconnect(stream: StreamState) {
    clearTimeout(stream.openTimer);
    stream.source?.close();
    stream.source = undefined;
    stream.open = false;
  }

  #remove(stream: StreamState) {
    this.#disconnect(stream);
    clearTimeout(stream.retryTimer);
    stream.release();
    this.#streams.delete(stream.url);
    if (this.#streams.size === 0) {
      this.#stopVisibility?.();
      this.#stopVisibility = undefined;
    }
  }

  #listenToVisibility() {
    if (this.#stopVisibility) return;
    const visibility = this.#environment.visibility ?? documentVisibility;
    this.#stopVisibility = visibility.subscribe(() => this.#onVisibility());
  }

  /** Hidden: every stream closes. Shown: each reopens, except one waiting for its retry. */
  #onVisibility() {
    const hidden = this.#hidden();
    for (const stream of this.#streams.values()) {
      if (hidden) this.#disconnect(stream);
      else if (!stream.retryTimer) this.#connect(stream);
    }
  }
}

let shared: EventStreams | undefined;

/** The page's registry, on the browser's `EventSource` and `document` (read when used). */
export function sharedEventStreams(): EventStreams {
  shared ??= new EventStreams();
  return shared;
}
