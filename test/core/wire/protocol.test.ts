import { describe, expect, it } from 'vitest';
import { restoreOutcome, verifiedOutcome } from '../../../src/core/model/outcomeSummary';
import {
  readConfirmBody,
  readLaunchBody,
  readResultBody,
  resultMarker,
  routePaths,
  safeReturnPath,
  serverCallbackUrl,
} from '../../../src/core/wire/protocol';

const state = 'a'.repeat(43);

describe('the names both halves share', () => {
  it('names the query marker the server adds to the callback page', () => {
    expect(resultMarker).toBe('rcf_result');
  });

  it("writes each route below the handler's basePath", () => {
    expect(routePaths.launch('gigs')).toBe('/launch/gigs');
    expect(routePaths.callback('emerge')).toBe('/callback/emerge');
    expect(routePaths.confirm('zapier')).toBe('/confirm/zapier');
    expect([routePaths.result, routePaths.exportStatus, routePaths.webhook('emerge')]).toEqual([
      '/result',
      '/export-status',
      '/webhook/emerge',
    ]);
  });

  it('names the handler route as the provider redirect target', () => {
    expect(serverCallbackUrl('https://app.example', '/api/connect', 'zapier')).toBe(
      'https://app.example/api/connect/callback/zapier',
    );
  });
});

describe('readLaunchBody', () => {
  it('reads a well-formed body, leaving the page for the server to check', () => {
    const body = { state, mode: 'redirect', page: '//evil', params: { app: 'SlackAPI' } };
    expect(readLaunchBody(body)).toEqual(body);
    expect(readLaunchBody({ state })).toEqual({
      state,
      mode: 'redirect',
      page: undefined,
      params: {},
    });
  });

  it.each([
    [null],
    ['text'],
    [{}],
    [{ state: 'short' }],
    [{ state: 42 }],
    [{ state, params: [] }],
    [{ state, mode: 'tab' }],
    [{ state, params: { app: 1 } }],
    [{ state, params: { app: 'x'.repeat(201) } }],
    [{ state, params: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`p${i}`, 'x'])) }],
  ])('refuses %j', (body) => {
    expect(readLaunchBody(body)).toBeUndefined();
  });
});

describe('readConfirmBody', () => {
  it('reads the Zapier id and the state, and nothing else', () => {
    expect(readConfirmBody({ authenticationId: '42', state, extra: 1 })).toEqual({
      authenticationId: '42',
      state,
    });
    expect(readConfirmBody({ authenticationId: 42, state })).toBeUndefined();
    expect(readConfirmBody({ authenticationId: '42' })).toBeUndefined();
    expect(readConfirmBody(null)).toBeUndefined();
  });
});

describe('readResultBody', () => {
  it('reads a verified outcome, and nothing that is not one', () => {
    const verified = verifiedOutcome(
      restoreOutcome({
        provider: 'gigs',
        screen: 'success',
        code: undefined,
        message: 'You are connected.',
        messageKey: 'success',
        action: 'continue',
        reconnected: false,
      }),
    );
    expect(readResultBody({ outcome: verified })).toEqual(verified);
    expect(readResultBody({ outcome: null })).toBeUndefined();
    expect(readResultBody({ outcome: { ...verified, verified: false } })).toBeUndefined();
    expect(readResultBody('not json')).toBeUndefined();
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
