import { jsonTextOf } from './responses';

/** The parts of Node's `ServerResponse` the adapter writes (Express's `res` fits too). */
export interface NodeResponse {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  removeHeader?(name: string): unknown;
  getHeaderNames?(): string[];
  /** False when the chunk waits in memory: the stream then waits for `drain`. */
  write?(chunk: Uint8Array): unknown;
  end(body?: Uint8Array): unknown;
  on?(event: 'close', listener: () => void): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  writableFinished?: boolean;
}

const encoder = new TextEncoder();

/** A signal that never aborts: for the answers written before any request is made. */
const never = new AbortController().signal;

/** Whether `answer` is an event stream: written as it comes, while the client stays. */
export const isEventStream = (answer: Response) =>
  (answer.headers.get('content-type') ?? '').startsWith('text/event-stream');

/** Writes a fetch `Response` to Node's: headers (each cookie apart), status, body. */
export function send(response: NodeResponse, answer: Response, gone = never): Promise<void> {
  const names: string[] = [];
  try {
    answer.headers.forEach((value, name) => {
      if (name === 'set-cookie') return;
      response.setHeader(name, value);
      names.push(name);
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length) response.setHeader('Set-Cookie', cookies);
  } catch (error) {
    // A header value Node refuses (a control character): nothing of it may go out.
    for (const name of [...names, 'set-cookie']) response.removeHeader?.(name);
    throw error;
  }
  response.statusCode = answer.status;
  return writeBody(response, answer, gone);
}

/** Resolves when the client took what was written (`drain`), or went. */
function drained(response: NodeResponse, gone: AbortSignal): Promise<void> {
  if (!response.once || gone.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      gone.removeEventListener('abort', done);
      resolve();
    };
    response.once?.('drain', done);
    gone.addEventListener('abort', done, { once: true });
  });
}

/**
 * Writes an event stream as it comes, at the client's pace. When the client goes, the body is
 * cancelled: a stream that ignores the request's signal is still ended, and its source told.
 */
async function writeStream(
  response: NodeResponse,
  body: ReadableStream<Uint8Array>,
  gone: AbortSignal,
) {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  gone.addEventListener('abort', cancel, { once: true });
  if (gone.aborted) cancel();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || gone.aborted) break;
      if (response.write?.(value) === false) await drained(response, gone);
    }
  } finally {
    gone.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
  response.end();
}

/**
 * Writes the body in one piece, so headers and body leave together (two writes of a small
 * answer can wait out a delayed ACK); only an event stream is written as it comes.
 */
async function writeBody(response: NodeResponse, answer: Response, gone: AbortSignal) {
  const body = answer.body;
  if (!body) return void response.end();
  if (isEventStream(answer) && response.write) return writeStream(response, body, gone);
  const bytes = await bytesOf(answer);
  response.setHeader('Content-Length', String(bytes.byteLength));
  response.end(bytes);
}

/** The whole body: the handler's own JSON text as is, else read from the stream. */
async function bytesOf(answer: Response): Promise<Uint8Array> {
  const untouched = !answer.bodyUsed && !answer.body?.locked;
  const text = untouched ? jsonTextOf(answer) : undefined;
  if (text !== undefined) return encoder.encode(text);
  return new Uint8Array(await answer.arrayBuffer());
}
