import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allowCors,
  bearer,
  isAcceptableRedirect,
  isLoopbackOrigin,
  listen,
  randomId,
  readBody,
  readForm,
  readJson,
  redirect,
  sendJson,
} from '../../src/testing/http';

/** A request whose body arrives in exactly these chunks. */
const requestOf = (...chunks: (string | Buffer)[]) =>
  Readable.from(chunks.map((chunk) => Buffer.from(chunk))) as unknown as IncomingMessage;

const withHeaders = (headers: Record<string, string>) => ({ headers }) as IncomingMessage;

describe('readBody', () => {
  it('joins the chunks as text', async () => {
    await expect(readBody(requestOf('a=1', '&b=2'))).resolves.toBe('a=1&b=2');
    await expect(readBody(requestOf())).resolves.toBe('');
  });

  it('keeps a character whose bytes are split across two chunks', async () => {
    const bytes = Buffer.from('{"name":"José €"}');
    const at = bytes.indexOf(0xe2) + 1; // inside the three bytes of "€"
    const body = await readBody(
      requestOf(bytes.subarray(0, 12), bytes.subarray(12, at), bytes.subarray(at)),
    );
    expect(body).toBe('{"name":"José €"}');
  });

  it('refuses a body over the limit', async () => {
    await expect(readBody(requestOf('12345', '6'), 5)).rejects.toThrow('body too large');
    await expect(readBody(requestOf('12345'), 5)).resolves.toBe('12345');
    await expect(readBody(requestOf('x'.repeat(64_001)))).rejects.toThrow('body too large');
  });
});

describe('readJson', () => {
  it('reads a JSON object', async () => {
    await expect(readJson(requestOf('{"a":1,', '"b":[2]}'))).resolves.toEqual({ a: 1, b: [2] });
  });

  it.each([
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a string', '"text"'],
    ['a number', '42'],
    ['broken JSON', '{"a":'],
    ['an empty body', ''],
    ['a body over the limit', `{"a":"${'x'.repeat(64_000)}"}`],
  ])('answers undefined for %s', async (_name, body) => {
    await expect(readJson(requestOf(body))).resolves.toBeUndefined();
  });

  it('keeps `__proto__` an own key, never the prototype', async () => {
    const value = await readJson(requestOf('{"__proto__":{"polluted":true}}'));
    expect(Object.hasOwn(value ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readForm', () => {
  it('reads a form body, decoding its values', async () => {
    const form = await readForm(requestOf('grant_type=a%20b&x=1&x=2&empty='));
    expect(form.get('grant_type')).toBe('a b');
    expect(form.getAll('x')).toEqual(['1', '2']);
    expect(form.get('empty')).toBe('');
    expect(form.get('missing')).toBeNull();
  });
});

describe('bearer', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['Bearer a b', 'a b'],
    ['bearer abc', undefined],
    ['Basic abc', undefined],
    ['Bearer ', undefined],
    ['Bearer', undefined],
    ['', undefined],
    ['xBearer abc', undefined],
  ])('reads %j as %j', (authorization, token) => {
    expect(bearer(withHeaders({ authorization }))).toBe(token);
  });

  it('reads no token without the header', () => {
    expect(bearer(withHeaders({}))).toBeUndefined();
  });
});

describe('randomId', () => {
  it('is the prefix and twice as many hex digits as bytes, new each time', () => {
    expect(randomId('csn_')).toMatch(/^csn_[0-9a-f]{24}$/);
    expect(randomId('', 4)).toMatch(/^[0-9a-f]{8}$/);
    expect(randomId('x')).not.toBe(randomId('x'));
  });
});

describe('isLoopbackOrigin', () => {
  it.each([
    ['http://127.0.0.1:3000', true],
    ['http://localhost:5173', true],
    ['http://localhost', true],
    ['https://localhost:3000', false],
    ['http://127.0.0.2:3000', false],
    ['http://localhost.evil.example', false],
    ['http://127.0.0.1:3000/path', false],
    ['http://127.0.0.1:3000@evil.example', false],
    ['http://[::1]:3000', false],
    ['null', false],
    ['', false],
  ])('%j: %s', (origin, trusted) => {
    expect(isLoopbackOrigin(origin)).toBe(trusted);
  });
});

describe('isAcceptableRedirect', () => {
  it.each([
    'https://app.example/connect/callback',
    'http://127.0.0.1:3000/connect/callback?flow=1',
    'http://localhost:5173/cb',
    'myapp://deep-link/callback',
    'com.example.app:/callback',
  ])('accepts %s', (uri) => {
    expect(isAcceptableRedirect(uri)).toBe(true);
  });

  it.each([
    'http://app.example/callback',
    'http://localhost.evil.example/cb',
    'http://127.0.0.1:3000@evil.example/cb',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://app.example/1',
    '/connect/callback',
    '//evil.example/cb',
    '',
    'not a url',
  ])('refuses %j', (uri) => {
    expect(isAcceptableRedirect(uri)).toBe(false);
  });
});

describe('responses, on a real server', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function serve(handler: RequestListener) {
    const listening = await listen(createServer(handler), 0, '127.0.0.1');
    close = listening.close;
    return listening.origin;
  }

  it('sendJson: the status, the JSON body, never cached', async () => {
    const origin = await serve((_req, res) => sendJson(res, 422, { error: '</script>' }));
    const response = await fetch(origin);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    await expect(response.json()).resolves.toEqual({ error: '</script>' });
  });

  it('redirect: a 303 by default, or the status asked for, never cached', async () => {
    const origin = await serve((req, res) =>
      req.url === '/302' ? redirect(res, '/b', 302) : redirect(res, 'https://app.example/cb?a=1'),
    );
    const seeOther = await fetch(origin, { redirect: 'manual' });
    expect(seeOther.status).toBe(303);
    expect(seeOther.headers.get('location')).toBe('https://app.example/cb?a=1');
    expect(seeOther.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${origin}/302`, { redirect: 'manual' })).status).toBe(302);
  });

  it('allowCors: echoes the origin, else any, and varies on it', async () => {
    const origin = await serve((req, res) => {
      allowCors(req, res);
      res.end();
    });
    const withOrigin = await fetch(origin, { headers: { Origin: 'http://127.0.0.1:3000' } });
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(withOrigin.headers.get('vary')).toBe('Origin');
    expect(withOrigin.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(withOrigin.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type',
    );
    const without = await fetch(origin);
    expect(without.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('listen', () => {
  it('starts on a free port, answers there, and closes', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const { origin, close } = await listen(server, 0, '127.0.0.1');
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(origin).not.toBe('http://127.0.0.1:0');
    await expect((await fetch(origin)).text()).resolves.toBe('ok');
    await close();
    expect(server.listening).toBe(false);
  });

  it('gives an IPv6 host a usable origin', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const { origin, close } = await listen(server, 0, '::1');
    try {
      expect(new URL(origin).hostname).toBe('[::1]');
      await expect((await fetch(origin)).text()).resolves.toBe('ok');
    } finally {
      await close();
    }
  });

  it('rejects when the port is taken, rather than hang', async () => {
    const first = await listen(createServer(), 0, '127.0.0.1');
    try {
      const port = Number(new URL(first.origin).port);
      await expect(listen(createServer(), port, '127.0.0.1')).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });
});
