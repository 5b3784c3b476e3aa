import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeListener } from '../../../src/server/http/nodeListener';
import { basePath, state, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeNow));
});

/**
 * Closes a server and the sockets fetch keeps alive: one still sending a body the server
 * refused early becomes idle only after `close()` has looked, and would wait out Node's
 * 5 s keep-alive timeout.
 */
function closeNow(server: Server) {
  const closed = new Promise((done) => server.close(done));
  server.closeAllConnections();
  return closed;
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function launchGigs(origin: string) {
  return fetch(`${origin}${basePath}/launch/gigs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state, mode: 'redirect' }),
  });
}

describe('hosts: the same handler in Node http and Hono', () => {
  it('Node http: createServer(nodeListener(handler, origin)) serves launch and the callback', async () => {
    const { handler, onConnected } = testHandler(providers());
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const launched = await launchGigs(origin);
    expect(launched.status).toBe(200);
    const { id } = (await launched.json()) as { id: string };
    const cookies = launched.headers.getSetCookie().map((line) => line.split(';')[0]);
    const back = await fetch(`${origin}${basePath}/callback/gigs?session_id=${id}&status=success`, {
      headers: { cookie: cookies.join('; ') },
      redirect: 'manual',
    });
    expect(back.status).toBe(303);
    // Two cookies: the flow one cleared, the result one set; both arrive as separate headers.
    expect(back.headers.getSetCookie()).toHaveLength(2);
    expect(onConnected).toHaveBeenCalledOnce();
  });

  it("Node http: a request target naming another host never becomes the handler's origin", async () => {
    const { handler } = testHandler(providers());
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const { port } = new URL(origin);
    const body = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `//evil.example${basePath}/launch/emerge`,
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += String(chunk)));
          response.on('end', () => resolve(text));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ state, mode: 'redirect' }));
    });
    // `//evil.example/...` is a path here: no such route. Nothing names evil.example.
    expect(body).not.toContain('evil.example');
  });

  it('Node http: an oversized launch body is refused at its limit (413)', async () => {
    const { handler } = testHandler(providers());
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const response = await fetch(`${origin}${basePath}/launch/gigs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'body_too_large' });
  });

  it('Node http: a cheap check (no JSON content type) refuses before the body is read', async () => {
    const { handler } = testHandler(providers());
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const response = await fetch(`${origin}${basePath}/launch/gigs`, {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(403);
  });

  it("Hono: app.all('/api/connect/*', (c) => handler(c.req.raw))", async () => {
    const { handler } = testHandler(providers());
    const app = new Hono();
    app.all(`${basePath}/*`, (c) => handler(c.req.raw));
    const response = await app.request(`${basePath}/launch/gigs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state, mode: 'redirect' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^rcf_flow_gigs_[0-9a-z]{9}[\w-]{8}=/);
  });

  it('Next.js route handlers take it as it is: export const GET = handler, POST = handler', async () => {
    const { handler } = testHandler(providers());
    const route = { GET: handler, POST: handler };
    const response = await route.GET(new Request(`http://localhost:3000${basePath}/result`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: null });
  });
});

/** An event stream that sends one event and stays open; `onCancel` hears the listener end it. */
function oneEventStream(onCancel: () => void): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('data: first\n\n'));
    },
    cancel: onCancel,
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('nodeListener: streams and disconnects', () => {
  it('streams an event stream as it is written; when an EventSource goes, aborts the signal and cancels the body', async () => {
    let aborted = false;
    let cancelled = false;
    const handler = Object.assign(
      async (request: Request) => {
        request.signal.addEventListener('abort', () => (aborted = true));
        // A body that ignores the signal: only the listener's cancel can end it.
        return oneEventStream(() => (cancelled = true));
      },
      { basePath },
    );
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const controller = new AbortController();
    // As an EventSource asks.
    const response = await fetch(`${origin}${basePath}/events`, {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    // The first event arrived while the stream is still open.
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    controller.abort();
    await vi.waitFor(() => expect([aborted, cancelled]).toEqual([true, true]));
  });

  it('cancels an event stream whose client did not ask for one when it goes; other requests carry no signal', async () => {
    let cancelled = false;
    const signals: AbortSignal[] = [];
    const handler = Object.assign(
      async (request: Request) => {
        signals.push(request.signal);
        if (request.method === 'POST') return Response.json({ ok: true });
        return oneEventStream(() => (cancelled = true));
      },
      { basePath },
    );
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const posted = await fetch(`${origin}${basePath}/launch`, { method: 'POST', body: '{}' });
    expect(await posted.json()).toEqual({ ok: true });
    const controller = new AbortController();
    const response = await fetch(`${origin}${basePath}/events`, { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    controller.abort();
    await vi.waitFor(() => expect(cancelled).toBe(true));
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });

  it('writes an event stream at the pace of a client that reads slowly (waits for drain)', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(97);
    let pulled = 0;
    const handler = Object.assign(
      async () => {
        const body = new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              pulled += 1;
              if (pulled > 64) controller.close();
              else controller.enqueue(chunk);
            },
          },
          { highWaterMark: 0 },
        );
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      },
      { basePath },
    );
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const controller = new AbortController();
    const response = await fetch(`${origin}${basePath}/events`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 16 MiB offered; the client read one chunk: the writer waits instead of buffering it all.
    expect(pulled).toBeLessThan(64);
    let received = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.byteLength;
    }
    expect(pulled).toBe(65);
    expect(received).toBeGreaterThan(0);
  });

  it('sends a JSON answer in one piece, with its length', async () => {
    const { handler } = testHandler(providers());
    const server = createServer();
    const origin = await listen(server);
    server.on('request', nodeListener(handler, origin));
    const response = await fetch(`${origin}${basePath}/result`);
    expect(response.headers.get('content-length')).toBe('16');
    expect(response.headers.get('transfer-encoding')).toBeNull();
  });
});
