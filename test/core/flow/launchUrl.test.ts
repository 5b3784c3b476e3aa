import { describe, expect, it } from 'vitest';
import { safeLaunchUrl } from '../../../src/core/flow/launchUrl';

describe('safeLaunchUrl', () => {
  it.each([
    ['https://connect.gigs.com/checkout/entry?session=csn_1&token=t'],
    ['https://link.emergedata.ai/link/start?state=s&signature=abc'],
    ['https://connect.zapier.com/to/SlackAPI?token=t&state=s'],
  ])('accepts https: %s', (url) => {
    expect(safeLaunchUrl(url)).toBe(url);
  });

  it('answers the normalised href', () => {
    expect(safeLaunchUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it.each([
    ['http://localhost:3000/mock', 'http://localhost:3000/mock'],
    ['http://127.0.0.1:4174/zapier/to/x', 'http://127.0.0.1:4174/zapier/to/x'],
    ['http://127.1.2.3/', 'http://127.1.2.3/'],
    ['http://[::1]:8080/x', 'http://[::1]:8080/x'],
  ])('accepts http on a loopback host: %s', (url, href) => {
    expect(safeLaunchUrl(url)).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/',
    'blob:https://example.com/uuid',
    'http://example.com',
    'http://localhost.evil.example/',
    'http://127.0.0.1.evil.example/',
    'http://128.0.0.1/',
    // A loopback host allows http only, not another scheme.
    'javascript://localhost/%0Aalert(1)',
    'ftp://localhost/',
    'ws://127.0.0.1/',
    'file://localhost/etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'relative/path',
    '?session=1',
    '',
    'http://[',
    'https://',
    'not a url',
  ])('refuses %j', (url) => {
    expect(safeLaunchUrl(url)).toBeUndefined();
  });

  it.each([[undefined], [null], [42], [{}], [new URL('https://example.com/')], [['https://a.b']]])(
    'refuses the non-string %j',
    (value) => {
      expect(safeLaunchUrl(value)).toBeUndefined();
    },
  );
});
