// Any bytes at all, over a raw socket, to a real `node:http` server and to Express: every
// request gets an answer, nothing rejects unhandled, and the next request is served.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeListener } from '../../../src/server/http/nodeListener';
import { basePath, mockProvidersForFile, state, testHandler } from '../handlerFixture';

const providers = mockProvidersForFile();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));
afterEach(() => expect(unhandled).toEqual([]));

/** Sends raw bytes and reads until the server closes or a whole answer's head has come. */
function rawRequest(port: number, bytes: string | Buffer, wait = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = () => {
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(finish, wait);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (/\r\n\r\n/.test(text) && !/Transfer-Encoding: chunked/i.test(text)) {
        clearTimeout(timer);
        setTimeout(finish, 20);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.write(bytes);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

async function listen(server: Server): Promise<{ port: number; origin: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}` };
}

const close = (server: Server) => new Promise((done) => server.close(done));

/** The hostile requests, each with the statuses a correct server may answer. */
function hostileRequests(): Array<[string, string | Buffer, number[]]> {
  const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
  const methods = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'TRACK', 'PROPFIND'];
  const manyHeaders = Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${i}\r\n`).join('');
  const chunk = `${(64 * 1024).toString(16)}\r\n${'x'.repeat(64 * 1024)}\r\n`;
  return [
    ['a malformed request line', 'GARBAGE\r\n\r\n', [400]],
    ['a request line with no target', 'GET\r\n\r\n', [400]],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', [400, 505]],
    ['binary junk', Buffer.from([0, 1, 2, 255, 13, 10, 13, 10]), [400]],
    ...methods.map((method): [string, string, number[]] => [
      `the method ${method}`,
      `${method} ${basePath}/result HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      [405, 404, 400],
    ]),
    // Node hands CONNECT to the server's 'connect' event; with no listener it closes the socket.
    ['CONNECT', `CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, [0]],
    ['an absolute-form target', get(`http://evil.example${basePath}/result`), [200]],
    ['the target //[', get('//['), [400, 404]],
    ['the target http://[', get('http://['), [400, 404]],
    ['a bad percent escape', get(`${basePath}/%ZZ`), [400, 404]],
    ['a control character in the target', get(`${basePath}/a\u0001b`), [400]],
    ['a target of 20 kB', get(`${basePath}/result?${'a'.repeat(20_000)}`), [414, 431, 400]],
    [
      'a control character in a header',
      `GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n`,
      [400],
    ],
    [
      'a non-ASCII cookie',
      `GET ${basePath}/result HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: rcf_flow_gigs=\u00e9\u00ff\r\n\r\n`,
      [200],
    ],
    [
      '3,000 headers',
      `GET ${basePath}/result HTTP/1.1\r\nHost: x\r\n${manyHeaders}\r\n`,
      [431, 400],
    ],
    [
      'a 2 MB body with its length',
      `POST ${basePath}/launch/gigs HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n${'x'.repeat(2_000_000)}`,
      [413],
    ],
    [
      'a chunked body past the limit, with no length',
      `POST ${basePath}/launch/gigs HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.repeat(3)}0\r\n\r\n`,
      [413],
    ],
    [
      'a bad chunked encoding',
      `POST ${basePath}/launch/gigs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n`,
      [400],
    ],
    [
      'both a length and chunked',
      `POST ${basePath}/launch/gigs HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      [400],
    ],
  ];
}

async function expectAlive(origin: string) {
  const response = await fetch(`${origin}${basePath}/result`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ outcome: null });
}

describe('hostile requests over a raw socket', () => {
  it('node:http: every one gets an answer, and the server answers the next request', async () => {
    const { handler } = testHandler(providers(), { onError: () => {} });
    const server = createServer(nodeListener(handler, 'http://127.0.0.1:3000'));
    const { port, origin } = await listen(server);
    for (const [name, bytes, statuses] of hostileRequests()) {
      const status = statusOf(await rawRequest(port, bytes));
      expect(statuses, `${name}: answered ${status}`).toContain(status);
    }
    await expectAlive(origin);
    await close(server);
  });

  it('Express 5 with express.json() in front: the same, and the app keeps its other routes', async () => {
    const { handler } = testHandler(providers(), { onError: () => {} });
    const app = express();
    app.use(express.json());
    app.use(nodeListener(handler, 'http://127.0.0.1:3000'));
    app.get('/health', (_req, res) => void res.send('ok'));
    const server = createServer(app);
    const { port, origin } = await listen(server);
    for (const [name, bytes, statuses] of hostileRequests()) {
      const status = statusOf(await rawRequest(port, bytes));
      // Express's json parser answers some bodies itself (400, 413), before the handler.
      expect([...statuses, 400, 413], `${name}: answered ${status}`).toContain(status);
    }
    await expectAlive(origin);
    expect(await (await fetch(`${origin}/health`)).text()).toBe('ok');
    await close(server);
  });
});

describe('a launch whose return page would break a header later', () => {
  it('is refused at the door (400 invalid_page), before any provider call', async () => {
    const { handler } = testHandler(providers());
    for (const page of ['/a\r\nSet-Cookie: x=1', '/caf\u00e9', `/${'a'.repeat(600)}`, '/a b']) {
      const response = await handler(
        new Request(`http://127.0.0.1:3000${basePath}/launch/gigs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ state, page }),
        }),
      );
      expect(response.status, JSON.stringify(page)).toBe(400);
      expect(await response.json()).toEqual({ error: 'invalid_page' });
    }
  });
});

describe('hostile requests to the fetch handler (edge-style hosts)', () => {
  it('reads a chunked body with no length only up to the limit', async () => {
    const { handler } = testHandler(providers());
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        if (pulled >= 50 * 1024 * 1024) controller.close();
      },
    });
    const response = await handler(
      new Request(`http://127.0.0.1:3000${basePath}/launch/gigs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    // The launch limit is 8 KiB: one 64 KiB chunk was read, and a little read-ahead at most.
    expect(pulled).toBeLessThanOrEqual(4 * 64 * 1024);
  });

  it('answers every method, and the unknown, with a response', async () => {
    const { handler } = testHandler(providers());
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'FOO']) {
      const response = await handler(
        new Request(`http://127.0.0.1:3000${basePath}/result`, { method }),
      );
      expect([404, 405], method).toContain(response.status);
    }
  });

  it('answers a very long URL with 414, before any work', async () => {
    const { handler } = testHandler(providers());
    const response = await handler(
      new Request(`http://127.0.0.1:3000${basePath}/result?${'a'.repeat(20_000)}`),
    );
    expect(response.status).toBe(414);
  });
});
