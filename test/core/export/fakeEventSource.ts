import type { EventSourceLike, PageVisibility } from '../../../src/core/export/eventStreams';

/**
 * A stand-in for the browser's `EventSource`, driven by the test: `open()`, `send()`,
 * `fail()`. Every instance is kept in `FakeEventSource.all`.
 */
export class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  /** Instances not closed yet. */
  static live = () => FakeEventSource.all.filter((source) => !source.closed);
  static reset() {
    FakeEventSource.all = [];
  }

  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly #listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  close() {
    this.readyState = 2;
    this.closed = true;
  }

  /** The server answered 200 with `text/event-stream`. */
  open() {
    this.readyState = 1;
    this.onopen?.({ type: 'open' } as Event);
  }
  /** A named event; `data` is sent as JSON unless it is a string. */
  send(name: string, data: unknown, id = '1') {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    for (const listener of this.#listeners.get(name) ?? []) {
      listener({ type: name, data: text, lastEventId: id } as MessageEvent);
    }
  }
  /**
   * A failure: `reconnecting` as after a dropped connection (the browser tries again by
   * itself), else as after an HTTP error or a wrong content type (it gives up).
   */
  fail(reconnecting = true) {
    this.readyState = reconnecting ? 0 : 2;
    this.onerror?.({ type: 'error' } as Event);
  }
}

/** A tab whose visibility the test sets. */
export function fakeVisibility() {
  let hidden = false;
  const listeners = new Set<() => void>();
  const visibility: PageVisibility = {
    hidden: () => hidden,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const setHidden = (value: boolean) => {
    hidden = value;
    for (const listener of [...listeners]) listener();
  };
  return { visibility, setHidden, listeners };
}
