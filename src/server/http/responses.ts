/** The text of each answer `jsonResponse` made, while the answer lives. */
const jsonTexts = new WeakMap<Response, string>();

/**
 * The JSON text `answer` was made with, when `jsonResponse` made it: `nodeListener` writes that
 * instead of reading the answer's stream back (a third of writing a small answer).
 */
export const jsonTextOf = (answer: Response): string | undefined => jsonTexts.get(answer);

/** A JSON answer that no cache keeps. */
export function jsonResponse(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const text = JSON.stringify(body);
  // The answer's own headers are set in place: a copy first would build each header list twice.
  const response = new Response(text, { status, headers });
  response.headers.set('Content-Type', 'application/json');
  response.headers.set('Cache-Control', 'no-store');
  jsonTexts.set(response, text);
  return response;
}

/** A clear 4xx: a code and a sentence, never a stack or an echo of the input. */
export const problem = (status: number, error: string, headers?: HeadersInit) =>
  jsonResponse(status, { error }, headers);

/** 303: the browser follows with a GET (the provider's redirect back, a form POST). */
export function seeOther(location: string, cookies: readonly string[] = []): Response {
  const headers: Array<[string, string]> = [
    ['Location', location],
    ['Cache-Control', 'no-store'],
  ];
  for (const cookie of cookies) headers.push(['Set-Cookie', cookie]);
  return new Response(null, { status: 303, headers });
}

/**
 * The body as text, or `undefined` when it is larger than `limit` bytes. Read as a stream and
 * stopped at the limit: a chunked body with no `Content-Length` is never read whole.
 */
export async function readBody(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

/**
 * Whether a browser POST comes from the app itself: a JSON body (a cross-site form or `no-cors`
 * request cannot send one without a preflight, which this handler never answers) and, when
 * the browser names its origin, the app's own (`Sec-Fetch-Site` too). Login-CSRF otherwise:
 * a sibling subdomain could mint a flow cookie whose state it knows.
 */
export function isSameOriginJson(request: Request, appOrigin: string): boolean {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return false;
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== appOrigin) return false;
  const site = request.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin';
}

/** A JSON object body; `'too_large'` past `limit`; `undefined` when not JSON or no object. */
export async function readJsonObject(
  request: Request,
  limit = 8192,
): Promise<Record<string, unknown> | 'too_large' | undefined> {
  const text = await readBody(request, limit);
  if (text === undefined) return 'too_large';
  try {
    const value: unknown = JSON.parse(text);
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
