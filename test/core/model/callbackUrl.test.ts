import { describe, expect, it } from 'vitest';
import { appendCallbackParams } from '../../../src/core/model/callbackUrl';

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
    ['/callback', '/callback?session_id=csn_123&status=success'],
  ])('%s', (url, expected) => expect(appendCallbackParams(url, added)).toBe(expected));

  it('keeps existing parameters byte for byte and encodes the new ones', () => {
    expect(appendCallbackParams('https://e.com/?q=a%20b+c&q=2', [['error', 'a&b=c']])).toBe(
      'https://e.com/?q=a%20b+c&q=2&error=a%26b%3Dc',
    );
    expect(appendCallbackParams('https://e.com/', { 'a b': 'é#?' })).toBe(
      'https://e.com/?a%20b=%C3%A9%23%3F',
    );
  });

  it('takes pairs in order, a name twice included', () => {
    expect(
      appendCallbackParams('https://e.com/', [
        ['status', 'a'],
        ['status', 'b'],
      ]),
    ).toBe('https://e.com/?status=a&status=b');
  });

  it('leaves the URL alone when nothing is added', () => {
    expect(appendCallbackParams('https://e.com/x#y', {})).toBe('https://e.com/x#y');
    expect(appendCallbackParams('https://e.com/x?', [])).toBe('https://e.com/x?');
  });
});
