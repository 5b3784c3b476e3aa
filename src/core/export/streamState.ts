// One URL's stream in the `EventStreams` registry: its connection, watchers and retry state.

/** What a watcher hears. After each, `isFallback(url)` says whether polling should run. */
export type StreamSignal =
  /** Opened: the first time, after a reconnect, after a retry, after the tab came back. */
  | { type: 'open' }
  /** A named event; `data` is its parsed JSON, `undefined` when it is not JSON. */
  | { type: 'event'; name: string; data: unknown }
  /** Failed: to open, or while open. The status code is hidden: ask the status endpoint. */
  | { type: 'error' };

/** The part of the browser's `EventSource` the registry uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** An event's data as JSON, or `undefined` when it is not JSON. */
export function parseData(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** One URL's connection and who watches it. */
export class StreamState {
  readonly watchers = new Set<{ hear: (signal: StreamSignal) => void }>();
  source: EventSourceLike | undefined;
  open = false;
  /** Failures since the last open. */
  failures = 0;
  /** Stood down: polling runs until a retry opens. */
  fallback = false;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  openTimer: ReturnType<typeof setTimeout> | undefined;
  /** `whenOpen` callers. */
  waiters = new Set<() => void>();
  constructor(
    readonly url: string,
    /** The wait before the next retry, once it stands down. */
    public retryDelay: number,
  ) {}

  emit(signal: StreamSignal) {
    for (const watcher of [...this.watchers]) watcher.hear(signal);
  }
  release() {
    for (const waiter of [...this.waiters]) waiter();
  }
}
