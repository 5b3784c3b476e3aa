import type { ErrorHandler } from '../failures';
import { report } from '../failures';
import { markParsedBody } from './parsedBody';
import { isEventStream, send, type NodeResponse } from './nodeResponse';
import { problem } from './responses';

export type { NodeResponse } from './nodeResponse';

/** The parts of Node's `IncomingMessage` the adapter reads (Express's `req` fits too). */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the target before a mount point was stripped from `url`. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** A body a framework already parsed (`express.json()`, `express.raw()`, `express.text()`). */
  body?: unknown;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** Express's `next`: hands a request the handler does not serve to the next middleware. */
export type NextFunction = (error?: unknown) => void;

/** What the listener needs of the handler: a fetch handler, with its `basePath` if it has one. */
export interface ListenedHandler {
  (request: Request): Promise<Response>;
  readonly basePath?: string;
  readonly onError?: ErrorHandler;
}

/** Longer request targets are refused before any work: 16 KiB. */
const targetLimit = 16_384;
/** Methods a `Request` cannot carry: answered 405 here, never thrown. */
const forbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);
const encoder = new TextEncoder();

/** The request target's path and query, or `undefined` when it is no URL. Never its host. */
function pathOf(raw: string): string | undefined {
  try {
    const target = new URL(raw, 'http://target.invalid');
    return target.pathname + target.search;
  } catch {
    return undefined;
  }
}

const isUnder = (path: string, basePath: string | undefined) =>
  basePath === undefined ||
  path === basePath ||
  path.startsWith(`${basePath}/`) ||
  path.startsWith(`${basePath}?`);

/** Length headers that describe the bytes on the wire: gone once a framework read the body. */
const wireLengthHeaders = new Set(['content-length', 'transfer-encoding']);

/**
 * Node's headers as the pairs a `Request` takes (the `Request` checks them); `skip` leaves some
 * out. Pairs, not a `Headers`: the `Request` copies what it is given, so a `Headers` here would
 * be built twice.
 */
function headerPairs(
  raw: NodeRequest['headers'],
  skip?: ReadonlySet<string>,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const name in raw) {
    if (!Object.hasOwn(raw, name) || skip?.has(name.toLowerCase())) continue;
    const value = raw[name];
    for (const each of Array.isArray(value) ? value : [value]) {
      if (each !== undefined) pairs.push([name, each]);
    }
  }
  return pairs;
}

/**
 * The request's body as a stream the handler reads only when it gets that far, with
 * backpressure. Nothing listens until the first read: a route that refuses a request early
 * leaves the body to Node, which discards it; one that stops at its limit drains the rest.
 */
function streamOf(request: NodeRequest): ReadableStream<Uint8Array> {
  let listening = false;
  let done = false;
  function listen(controller: ReadableStreamDefaultController<Uint8Array>) {
    listening = true;
    request.on('data', (chunk) => {
      if (done) return;
      controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      if ((controller.desiredSize ?? 0) <= 0) request.pause();
    });
    request.on('end', () => {
      if (!done) controller.close();
      done = true;
    });
    request.on('error', (error) => {
      if (!done) controller.error(error);
      done = true;
    });
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!listening) listen(controller);
      request.resume();
    },
    cancel() {
      done = true;
      request.resume();
    },
  });
}

/** A body a framework parsed before us, as bytes; objects go back to JSON. */
function parsedBodyOf(body: unknown): Uint8Array<ArrayBuffer> {
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (typeof body === 'string') return encoder.encode(body);
  return encoder.encode(JSON.stringify(body) ?? '');
}

function requestOf(request: NodeRequest, url: URL, signal: AbortSignal | undefined): Request {
  const method = request.method ?? 'GET';
  const parsed = request.body !== undefined && method !== 'GET' && method !== 'HEAD';
  // The framework read the stream; its length headers describe bytes that are gone.
  const headers = headerPairs(request.headers, parsed ? wireLengthHeaders : undefined);
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (signal) init.signal = signal;
  if (method === 'GET' || method === 'HEAD') return new Request(url, init);
  if (parsed) {
    init.body = parsedBodyOf(request.body);
    const made = new Request(url, init);
    if (!(request.body instanceof Uint8Array)) markParsedBody(made);
    return made;
  }
  init.body = streamOf(request);
  init.duplex = 'half';
  return new Request(url, init);
}

/** An `EventSource` asks with `Accept: text/event-stream`. */
const asksForEventStream = (request: NodeRequest) =>
  String(request.headers.accept ?? '').includes('text/event-stream');

/**
 * A signal that aborts when the client goes before its answer is written, made on first ask.
 * Only event streams need one: linking a signal into a `Request` costs Node more than the rest
 * of the `Request` (a third of a short route's adapter work), so other requests go without.
 */
function clientGone(response: NodeResponse): () => AbortSignal {
  let controller: AbortController | undefined;
  let gone = false;
  response.on?.('close', () => {
    if (response.writableFinished) return;
    gone = true;
    controller?.abort();
  });
  return () => {
    if (!controller) {
      controller = new AbortController();
      if (gone) controller.abort();
    }
    return controller.signal;
  };
}

function answerDirectly(response: NodeResponse, status: number, code: string) {
  return send(response, problem(status, code));
}

/** The last resort: a bare 500 without a body, if the headers are not gone yet. */
function endWith500(response: NodeResponse): void {
  try {
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  } catch {
    // The socket is gone; there is nobody to answer.
  }
}

/**
 * A fetch handler as a Node `http` listener or Express middleware:
 * `createServer(nodeListener(handler, origin))` or `app.use(nodeListener(handler, origin))`.
 * Paths outside the handler's `basePath` go to `next()` when there is one (else a 404).
 * `origin` is the app's public origin (`https://app.example`): the request's host header is
 * never trusted for it. Any method, target, header or body gets an answer; the returned
 * promise never rejects.
 */
export function nodeListener(handler: ListenedHandler, origin: string) {
  async function serve(request: NodeRequest, response: NodeResponse, next?: NextFunction) {
    const raw = request.originalUrl ?? request.url ?? '/';
    if (raw.length > targetLimit) return answerDirectly(response, 414, 'uri_too_long');
    const path = pathOf(raw);
    if (path === undefined) return answerDirectly(response, 400, 'bad_request');
    if (!isUnder(path, handler.basePath)) {
      if (next) return next();
      return answerDirectly(response, 404, 'not_found');
    }
    const method = (request.method ?? 'GET').toUpperCase();
    if (forbiddenMethods.has(method)) return answerDirectly(response, 405, 'method_not_allowed');
    const gone = clientGone(response);
    let fetchRequest: Request;
    try {
      const signal = asksForEventStream(request) ? gone() : undefined;
      fetchRequest = requestOf(request, new URL(path, origin), signal);
    } catch {
      return answerDirectly(response, 400, 'bad_request');
    }
    const answer = await handler(fetchRequest);
    return send(response, answer, isEventStream(answer) ? gone() : undefined);
  }

  return (request: NodeRequest, response: NodeResponse, next?: NextFunction): Promise<void> =>
    serve(request, response, next).catch((thrown: unknown) => {
      const onError = handler.onError;
      if (onError)
        report(onError, thrown, { route: 'request', status: 500, code: 'internal_error' });
      if (response.headersSent) return endWith500(response);
      return answerDirectly(response, 500, 'internal_error').catch(() => endWith500(response));
    });
}
