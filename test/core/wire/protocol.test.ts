import { describe, expect, it } from 'vitest';
import {
  defaultCallbackPage,
  relayChannelName,
  resultMarker,
  confirmPath,
  consentStatusPath,
  eventsPath,
  exportStatusPath,
  launchPath,
  resultPath,
  webhookPath,
  safeReturnPath,
  serverCallbackUrl,
} from '../../../src/core/wire/protocol';

describe('the names both sides agree on', () => {
  it('are fixed: changing one breaks pages and servers already deployed', () => {
    expect(resultMarker).toBe('rcf_result');
    expect(relayChannelName).toBe('react-connect-flow');
    expect(defaultCallbackPage).toBe('/connect/callback');
  });

  it("names the handler's routes below its basePath", () => {
    expect(launchPath('gigs')).toBe('/launch/gigs');
    expect(confirmPath('zapier')).toBe('/confirm/zapier');
    expect(webhookPath('emerge')).toBe('/webhook/emerge');
    expect([resultPath, eventsPath]).toEqual(['/result', '/events']);
    expect([exportStatusPath, consentStatusPath]).toEqual(['/export-status', '/consent-status']);
  });

  it('names the handler route as the provider redirect target', () => {
    expect(serverCallbackUrl('https://app.example', '/api/connect', 'zapier')).toBe(
      'https://app.example/api/connect/callback/zapier',
    );
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/a?b#c'],
    ['/'],
    ['/settings?tab=1#x'],
    ['/a/b/c'],
    ['/%2F%2Fevil'],
    ['/cb?next=//x'],
    ['/a.b/c..d'],
  ])('accepts the same-origin path %j', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    ['//evil'],
    ['//evil.example/x'],
    ['/.//evil.com'],
    ['/a//b'],
    ['/a/../b'],
    ['/a/./b'],
    ['/..'],
    ['/\\evil'],
    ['/a\\b'],
    ['https://x'],
    ['javascript:alert(1)'],
    [' /x'],
    ['/a b'],
    ['/a\tb'],
    ['/a\nb'],
    ['x'],
    [''],
    [42],
    [null],
    [undefined],
    [{}],
    [['/a']],
  ])('rejects %j', (path) => {
    expect(safeReturnPath(path)).toBeUndefined();
  });
});
