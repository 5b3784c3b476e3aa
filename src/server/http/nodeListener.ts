/** The parts of Node's `IncomingMessage` the adapter reads (Express's `req` fits too). */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of Node's `ServerResponse` the adapter writes (Express's `res` fits too). */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: Uint8Array): unknown;
}

/** Bodies larger than this are cut off before the handler sees them: 1 MiB. */
const bodyLimit = 1024 * 1024;

async function readNodeBody(request: NodeRequest): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > bodyLimit) return undefined;
    chunks.push(bytes);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function toHeaders(raw: NodeRequest['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const each of Array.isArray(value) ? value : [value]) {
      if (each !== undefined) headers.append(name, each);
    }
  }
  return headers;
}

/**
 * A fetch handler as a Node `http` / Express listener: `createServer(nodeListener(handler))`
 * or `app.use('/api/connect', nodeListener(handler))` (mount it where the paths stay whole).
 * `origin` is the app's public origin (`https://app.example`); the request's host header is
 * never trusted for it.
 */
export function nodeListener(handler: (request: Request) => Promise<Response>, origin: string) {
  return async (request: NodeRequest, response: NodeResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const withBody = method !== 'GET' && method !== 'HEAD';
    const body = withBody ? await readNodeBody(request) : undefined;
    if (withBody && !body) {
      response.statusCode = 413;
      return void response.end();
    }
    // Only the path and query of the request target: never its host (an absolute-form target,
    // or `//host/...`, would otherwise name another origin).
    const raw = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';
    const target = new URL(raw, 'http://target.invalid');
    const url = new URL(target.pathname + target.search, origin);
    const init: RequestInit = { method, headers: toHeaders(request.headers) };
    if (body) init.body = body;
    const answer = await handler(new Request(url, init));
    response.statusCode = answer.status;
    answer.headers.forEach((value, name) => {
      if (name !== 'set-cookie') response.setHeader(name, value);
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length) response.setHeader('Set-Cookie', cookies);
    response.end(new Uint8Array(await answer.arrayBuffer()));
  };
}
