import { describe, expect, it } from 'vitest';
import { appendCallbackParams, removeCallbackParams } from '../../src/core/index';

const added = { session_id: 'csn_123', status: 'success' };

describe('appendCallbackParams, the way Gigs Connect appends', () => {
  it.each([
    ['https://example.com/link', 'https://example.com/link?session_id=csn_123&status=success'],
    ['myapp://deep-link', 'myapp://deep-link?session_id=csn_123&status=success'],
    [
      'http://localhost:3000?error=connectSessionFailed',
      'http://localhost:3000?error=connectSessionFailed&session_id=csn_123&status=success',
    ],
    ['https://e.com/cb?', 'https://e.com/cb?session_id=csn_123&status=success'],
    ['https://e.com/cb?a=1&', 'https://e.com/cb?a=1&session_id=csn_123&status=success'],
    ['https://e.com/cb?a=1#top', 'https://e.com/cb?a=1&session_id=csn_123&status=success#top'],
    ['https://e.com/#/route?x=1', 'https://e.com/?session_id=csn_123&status=success#/route?x=1'],
  ])('%s', (url, expected) => expect(appendCallbackParams(url, added)).toBe(expected));

  it('keeps existing parameters byte for byte and encodes the new ones', () => {
    expect(appendCallbackParams('https://e.com/?q=a%20b+c&q=2', [['error', 'a&b=c']])).toBe(
      'https://e.com/?q=a%20b+c&q=2&error=a%26b%3Dc',
    );
  });

  it('leaves the URL alone when nothing is added', () => {
    expect(appendCallbackParams('https://e.com/x#y', {})).toBe('https://e.com/x#y');
  });
});

describe('removeCallbackParams', () => {
  const names = ['session_id', 'status', 'state', 'uid'];
  it.each([
    ['https://e.com/cb?ref=1&session_id=csn_1&status=success#h', 'https://e.com/cb?ref=1#h'],
    ['https://e.com/cb?status=success&state=s&uid=psub_1', 'https://e.com/cb'],
    ['https://e.com/cb?u%69d=psub_1&keep=%E0', 'https://e.com/cb?keep=%E0'],
    ['https://e.com/cb', 'https://e.com/cb'],
    ['/cb?a=1&uid=2', '/cb?a=1'],
  ])('%s', (url, expected) => expect(removeCallbackParams(url, names)).toBe(expected));
});
