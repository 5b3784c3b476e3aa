import { describe, expect, it } from 'vitest';
import { hasParsedBody, markParsedBody } from '../../../src/server/http/parsedBody';

describe('parsedBody', () => {
  it('remembers which requests carry a re-serialized body, and only those', () => {
    const parsed = new Request('http://x/', { method: 'POST', body: '{}' });
    const raw = new Request('http://x/', { method: 'POST', body: '{}' });
    markParsedBody(parsed);
    expect(hasParsedBody(parsed)).toBe(true);
    expect(hasParsedBody(raw)).toBe(false);
  });
});
