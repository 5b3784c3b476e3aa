import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reads a small request body (JSON or form) as UTF-8 text. */
export async function readBody(req: IncomingMessage, limit = 64_000): Promise<string> {
  // One decoder for the whole body: a character's bytes may be split across two chunks.
  const decoder = new TextDecoder();
  let body = '';
  for await (const chunk of req) {
    body +=
      typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (body.length > limit) throw new Error('body too large');
  }
  return body + decoder.decode();
}

/** A JSON body as an object, or `undefined` when it is not one. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readBody(req));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export const readForm = async (req: IncomingMessage) => new URLSearchParams(await readBody(req));

/** The API routes answer any origin, so browser tests can call them directly. */
export function allowCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** 303 so a form POST continues as a GET, like a provider finishing its flow. */
export function redirect(res: ServerResponse, location: string, status = 303): void {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

export const bearer = (req: IncomingMessage) =>
  /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];

export const randomId = (prefix: string, bytes = 12) => prefix + randomBytes(bytes).toString('hex');

/** `http://127.0.0.1:*` or `http://localhost:*`: the only app origins the mocks trust by default. */
export const isLoopbackOrigin = (origin: string) =>
  /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);

/** Where a redirect URI may point in the mock: any loopback http(s) URL or a custom scheme. */
export function isAcceptableRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    if (url.protocol === 'https:') return true;
    if (url.protocol === 'http:') return isLoopbackOrigin(url.origin);
    return (
      /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) &&
      !/^(javascript|data|vbscript|file|blob):$/.test(url.protocol)
    );
  } catch {
    return false;
  }
}

/** Starts `server` on `host:port` (0: a free port); `close` also ends open keep-alive connections. */
export async function listen(server: Server, port: number, host: string) {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  // An IPv6 literal (`::1`) is bracketed in a URL.
  const hostname = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${hostname}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
