import { describe, expect, it } from 'vitest';
import {
  jsonResponse,
  problem,
  readBody,
  readJsonObject,
  seeOther,
} from '../../../src/server/http/responses';

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('https://app.example/x', { method: 'POST', body, headers });

describe('responses', () => {
  it('JSON answers are never cached', async () => {
    const response = jsonResponse(200, { a: 1 });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ a: 1 });
    expect(await problem(400, 'bad').json()).toEqual({ error: 'bad' });
  });

  it('303 carries every cookie as its own header', () => {
    const response = seeOther('/cb', ['a=1', 'b=2']);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/cb');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('reads bodies up to a limit, and only JSON objects as objects', async () => {
    expect(await readBody(post('abc'), 3)).toBe('abc');
    expect(await readBody(post('abcd'), 3)).toBeUndefined();
    expect(await readBody(post('a', { 'content-length': '999' }), 3)).toBeUndefined();
    expect(await readJsonObject(post('{"a":1}'))).toEqual({ a: 1 });
    for (const body of ['[1]', '1', 'null', '{', '"x"']) {
      expect(await readJsonObject(post(body))).toBeUndefined();
    }
  });
});
