import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

/** One request as the mock provider received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, exactly as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the mock answers; a string body is sent as is, anything else as JSON. */
export interface MockReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface MockProvider {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  requests: ReceivedRequest[];
  /** The answer to the next requests; change it per test. */
  reply: MockReply;
  close(): Promise<void>;
}

function send(res: import('node:http').ServerResponse, reply: MockReply): void {
  const isText = typeof reply.body === 'string';
  const body = isText ? String(reply.body) : JSON.stringify(reply.body ?? {});
  const type = isText ? 'text/html' : 'application/json';
  res.writeHead(reply.status, { 'Content-Type': type, ...reply.headers });
  res.end(body);
}

/**
 * A provider stand-in on loopback: records every request and answers `reply`. Fills `into`
 * when given (a holder a test file made before the server started).
 */
export async function startMockProvider(into: object = {}): Promise<MockProvider> {
  const requests: ReceivedRequest[] = [];
  const provider = Object.assign(into, { requests, reply: { status: 200, body: {} } as MockReply });
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      send(res, provider.reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(provider, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}

/** A loopback URL where nothing listens: the port was just bound and released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The one request the mock received (fails when there were more or none). */
export function onlyRequest(provider: MockProvider): ReceivedRequest {
  expect(provider.requests).toHaveLength(1);
  const [request] = provider.requests;
  if (!request) throw new Error('no request');
  return request;
}

/**
 * Asserts that none of `secrets` shows up anywhere an error is usually logged or sent: its
 * string form, message, JSON, stack, or its cause's string form and message.
 */
export function expectNoLeak(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeInstanceOf(Error);
  const failure = error as Error;
  const cause = failure.cause instanceof Error ? failure.cause : undefined;
  const views = [
    String(failure),
    failure.message,
    JSON.stringify(failure),
    failure.stack ?? '',
    String(failure.cause),
    cause?.message ?? '',
    JSON.stringify(cause ?? null),
  ];
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(3);
    for (const view of views) expect(view).not.toContain(secret);
  }
}

/** What a failed call should report. */
export interface ExpectedFailure {
  kind: string;
  status?: number;
  retryAfter?: number;
}

/**
 * The error answers every provider call must map, with bodies that echo `echo` (a secret), so
 * a test can prove no error carries a response body.
 */
export function errorReplies(echo: string): Array<[string, MockReply, ExpectedFailure]> {
  const detail = { detail: `rejected ${echo}` };
  return [
    ['401', { status: 401, body: detail }, { kind: 'unauthorized', status: 401 }],
    ['403', { status: 403, body: detail }, { kind: 'unauthorized', status: 403 }],
    ['404', { status: 404, body: detail }, { kind: 'not-found', status: 404 }],
    ['422', { status: 422, body: detail }, { kind: 'invalid', status: 422 }],
    [
      '429 with Retry-After: 7',
      { status: 429, headers: { 'Retry-After': '7' }, body: detail },
      { kind: 'rate-limited', status: 429, retryAfter: 7000 },
    ],
    ['500', { status: 500, body: `<h1>oops ${echo}</h1>` }, { kind: 'server', status: 500 }],
    [
      'a non-JSON 200',
      { status: 200, body: `<html>${echo}</html>` },
      { kind: 'bad-response', status: 200 },
    ],
  ];
}

/**
 * One mock provider for a test file: started before its tests, closed after them, and before
 * each test its requests forgotten and its answer set to `reply()`.
 */
export function mockProviderPerFile(reply: () => MockReply): MockProvider {
  const provider = {} as MockProvider;
  beforeAll(() => startMockProvider(provider));
  afterAll(() => provider.close());
  beforeEach(() => {
    provider.requests.length = 0;
    provider.reply = reply();
  });
  return provider;
}
