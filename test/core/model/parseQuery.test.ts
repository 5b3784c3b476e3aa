import { describe, expect, it } from 'vitest';
import { queryOf, readProviderQuery, splitQuery } from '../../../src/core/model/parseQuery';

const gigsNames = new Set(['session_id', 'status']);
const read = (query: string, names: ReadonlySet<string> = gigsNames) =>
  readProviderQuery(splitQuery(query), names);

describe('queryOf', () => {
  it.each([
    [
      'https://example.com/link?session_id=csn_123&status=success',
      'session_id=csn_123&status=success',
    ],
    ['myapp://deep-link?session_id=csn_123&status=success', 'session_id=csn_123&status=success'],
    ['/callback?a=1', 'a=1'],
    ['?a=1&b=2', 'a=1&b=2'],
    ['a=1&b=2', 'a=1&b=2'],
    ['https://example.com/link', ''],
    ['myapp://deep-link', ''],
    ['/callback', ''],
    ['', ''],
  ])('%j gives %j', (input, query) => expect(queryOf(input)).toBe(query));

  it('ignores the hash, also a hash holding a query', () => {
    expect(queryOf('https://e.com/cb?a=1#b=2')).toBe('a=1');
    expect(queryOf('https://e.com/cb#/route?a=1')).toBe('');
    expect(queryOf('a=1#b=2')).toBe('a=1');
    expect(queryOf('#b=2')).toBe('');
  });

  it('takes URL and URLSearchParams objects', () => {
    expect(queryOf(new URL('https://e.com/cb?session_id=csn_1&status=success#x'))).toBe(
      'session_id=csn_1&status=success',
    );
    expect(queryOf(new URL('myapp://deep-link?session_id=csn_1'))).toBe('session_id=csn_1');
    expect(queryOf(new URL('https://e.com/cb'))).toBe('');
    expect(queryOf(new URLSearchParams({ session_id: 'csn 1', status: 'success' }))).toBe(
      'session_id=csn+1&status=success',
    );
  });
});

describe('splitQuery', () => {
  it('splits into raw parts with decoded names and raw values', () => {
    expect(splitQuery('a=1&session%5Fid=csn%201&flag&b=x=y')).toEqual([
      { raw: 'a=1', name: 'a', rawValue: '1' },
      { raw: 'session%5Fid=csn%201', name: 'session_id', rawValue: 'csn%201' },
      { raw: 'flag', name: 'flag', rawValue: '' },
      { raw: 'b=x=y', name: 'b', rawValue: 'x=y' },
    ]);
  });

  it('decodes + in names as a space', () => {
    expect(splitQuery('a+b=1')[0]?.name).toBe('a b');
  });

  it('skips empty parts', () => {
    expect(splitQuery('')).toEqual([]);
    expect(splitQuery('&&&')).toEqual([]);
    expect(splitQuery('&a=1&&b=2&').map((part) => part.name)).toEqual(['a', 'b']);
  });

  it('gives a name with broken percent-encoding as undefined, and keeps its raw text', () => {
    expect(splitQuery('%=1&%E0%A4%A=2&ok=3')).toEqual([
      { raw: '%=1', name: undefined, rawValue: '1' },
      { raw: '%E0%A4%A=2', name: undefined, rawValue: '2' },
      { raw: 'ok=3', name: 'ok', rawValue: '3' },
    ]);
  });

  it('reads a 1 MB query in one pass: one part per pair, in order', () => {
    const parts = splitQuery('a=b&'.repeat(262_144) + 'last=%');
    expect(parts).toHaveLength(262_145);
    expect(parts.at(-1)).toEqual({ raw: 'last=%', name: 'last', rawValue: '%' });
  });
});

describe('readProviderQuery', () => {
  it("reads the provider's parameters, decoded, and leaves the app's before them", () => {
    const query = read('ref=a%20b&x=1&session_id=csn%5F1&status=success');
    expect({ ...query.params }).toEqual({ session_id: 'csn_1', status: 'success' });
    expect([...query.names]).toEqual(['session_id', 'status']);
    expect(query).toMatchObject({ repeated: false, malformed: false, appQuery: 'ref=a%20b&x=1' });
  });

  it("keeps only the trailing run: the app's own params of the same name stay the app's", () => {
    const query = read('status=app&page=2&session_id=csn&status=success');
    expect({ ...query.params }).toEqual({ session_id: 'csn', status: 'success' });
    expect(query).toMatchObject({ repeated: false, appQuery: 'status=app&page=2' });
  });

  it("keeps the app's query byte for byte, broken encoding included", () => {
    expect(read('q=a%20b+c&bad=%E0&q=2&session_id=c&status=s').appQuery).toBe(
      'q=a%20b+c&bad=%E0&q=2',
    );
  });

  it('stops the run at a part whose name cannot be decoded', () => {
    const query = read('session_id=c&%=x&status=success');
    expect({ ...query.params }).toEqual({ status: 'success' });
    expect(query.appQuery).toBe('session_id=c&%=x');
  });

  it('has no provider parameters when the query does not end with them', () => {
    const query = read('session_id=csn_1&status=success&page=2');
    expect({ ...query.params }).toEqual({});
    expect(query.names.size).toBe(0);
    expect(query.appQuery).toBe('session_id=csn_1&status=success&page=2');
  });

  it('marks a name repeated inside the run', () => {
    expect(read('session_id=a&session_id=b&status=success').repeated).toBe(true);
    expect(read('session_id=a&status=success&status=success').repeated).toBe(true);
    expect(read('session_id=a&status=&status=success').repeated).toBe(true);
    expect(read('status=x&page=1&session_id=a&status=success').repeated).toBe(false);
  });

  it('marks broken percent-encoding in a value as malformed, and leaves that value out', () => {
    const query = read('session_id=csn_1&status=%E0%A4%A');
    expect(query.malformed).toBe(true);
    expect({ ...query.params }).toEqual({ session_id: 'csn_1' });
    expect(read('session_id=%&status=success').malformed).toBe(true);
    expect(read('bad=%&session_id=c&status=success').malformed).toBe(false);
  });

  it('leaves empty values out of params but counts their names', () => {
    const query = read('session_id=&status');
    expect({ ...query.params }).toEqual({});
    expect([...query.names].sort()).toEqual(['session_id', 'status']);
    expect(query.appQuery).toBe('');
  });

  it('decodes + as a space in values', () => {
    expect(read('session_id=a+b%2Bc&status=ok').params.session_id).toBe('a b+c');
  });

  it('treats __proto__ and constructor as plain names in a prototype-free map', () => {
    const names = new Set(['__proto__', 'constructor', 'toString']);
    const query = read('__proto__=x&constructor=y&toString=z', names);
    expect(Object.getPrototypeOf(query.params)).toBeNull();
    expect(Object.keys(query.params).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(query.params.__proto__).toBe('x');
    expect(query.params.constructor).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // Names the provider does not use are not read, even inherited-looking ones.
    const gigsQuery = read('__proto__=x&constructor=y');
    expect(gigsQuery.params.constructor).toBeUndefined();
    expect(gigsQuery.appQuery).toBe('__proto__=x&constructor=y');
  });
});
