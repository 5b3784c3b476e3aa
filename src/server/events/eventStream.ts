import { randomBase64Url } from '../../core/shared/base64url';
import type { ConnectEvents } from './connectEvents';
import { frameOf, readUserEvent } from './userEvents';

/** What a user's stream needs: how to find their uid and channel, the engine, the reporter. */
export interface EventStreamSource {
  /** The user's Emerge uid; `undefined` while they have none. */
  findUid(): Promise<string | undefined> | string | undefined;
  channelOf(uid: string): Promise<string>;
  events: ConnectEvents;
  /** A lookup or a subscription failed; the next heartbeat tries again. */
  report(thrown: unknown): void;
  heartbeatMs: number;
}

const encoder = new TextEncoder();
/** The browser's reconnection delay after a cut, in ms: the SSE `retry` field. */
export const retryFrame = 'retry: 5000\n\n';
/** A comment line: proxies see bytes, the browser ignores it. */
const pingFrame = ': ping\n\n';
/**
 * Sent when the subscription came after the stream's first bytes (the uid was found at a
 * heartbeat, or the subscription outran the route's budget): events published before it were
 * never heard, so the page reads the status again.
 */
const subscribedFrame = () => `id: ${randomBase64Url(12)}\nevent: subscribed\ndata: {}\n\n`;
/**
 * Frames waiting for a client that does not read: past this many the stream is closed (the
 * browser reconnects and reads the status), so a stuck client cannot hold memory.
 */
const maxQueuedFrames = 256;

/**
 * One user's event stream: the `retry` hint, a heartbeat comment, and each event published on
 * their channel as an SSE frame. Until their uid is known (and subscribed), each heartbeat
 * looks it up again. `close` (the client went: an abort, a cancel) clears the timer and ends
 * the subscription; nothing is left behind.
 */
export class UserEventStream {
  readonly body: ReadableStream<Uint8Array>;
  readonly #source: EventStreamSource;
  readonly #signal: AbortSignal;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | undefined;
  #subscribing: Promise<void> | undefined;
  #closed = false;
  /** The route has answered: a subscription from now on is late. */
  #answered = false;
  readonly #onAbort = () => this.close();

  constructor(source: EventStreamSource, signal: AbortSignal) {
    this.#source = source;
    this.#signal = signal;
    this.body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
        controller.enqueue(encoder.encode(retryFrame));
      },
      cancel: () => this.close(),
    });
    this.#timer = setInterval(() => this.#heartbeat(), source.heartbeatMs);
    signal.addEventListener('abort', this.#onAbort, { once: true });
    if (signal.aborted) this.close();
  }

  /** Subscribes once the uid is known; one attempt at a time, failures reported, never thrown. */
  subscribe(): Promise<void> {
    if (this.#closed || this.#unsubscribe) return Promise.resolve();
    this.#subscribing ??= this.#trySubscribe().finally(() => (this.#subscribing = undefined));
    return this.#subscribing;
  }

  /** The route answered with `body`; a later subscription sends `event: subscribed`. */
  answered(): void {
    this.#answered = true;
  }

  async #trySubscribe(): Promise<void> {
    try {
      const uid = await this.#source.findUid();
      if (!uid || this.#closed) return;
      const channel = await this.#source.channelOf(uid);
      const unsubscribe = await this.#source.events.subscribe(channel, (message) =>
        this.#deliver(message),
      );
      if (this.#closed) return unsubscribe();
      this.#unsubscribe = unsubscribe;
      if (this.#answered) this.#send(subscribedFrame());
    } catch (thrown) {
      if (!this.#closed) this.#source.report(thrown);
    }
  }

  #heartbeat(): void {
    this.#send(pingFrame);
    void this.subscribe();
  }

  #deliver(message: string): void {
    const event = readUserEvent(message);
    if (event) this.#send(frameOf(event));
  }

  #send(frame: string): void {
    const controller = this.#controller;
    if (this.#closed || !controller) return;
    if ((controller.desiredSize ?? 0) < -maxQueuedFrames) return this.close();
    controller.enqueue(encoder.encode(frame));
  }

  /** Ends the stream: the timer, the subscription, the abort listener, the body. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#signal.removeEventListener('abort', this.#onAbort);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    try {
      this.#controller?.close();
    } catch {
      // Already closed or errored by a cancel: nothing to end.
    }
  }
}
