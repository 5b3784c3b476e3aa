import { describe, expect, it } from 'vitest';
import { isRecord, parseJson, readText } from '../../../src/server/http/json';

describe('isRecord', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['text', false],
    [1, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});

describe('parseJson', () => {
  it('parses JSON and answers undefined for anything else', () => {
    expect(parseJson('{"a":[1,null]}')).toEqual({ a: [1, null] });
    expect(parseJson('null')).toBeNull();
    expect(parseJson('<html>')).toBeUndefined();
    expect(parseJson('')).toBeUndefined();
  });
});

describe('readText', () => {
  it('keeps non-empty strings only', () => {
    expect(readText('psub_1')).toBe('psub_1');
    expect(readText('')).toBeUndefined();
    expect(readText(3)).toBeUndefined();
    expect(readText(null)).toBeUndefined();
  });
});
