import { describe, expect, it } from 'vitest';
import { verifiedOutcome } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { zapier } from '../../../src/core/model/providers/zapier';
import { readConfirmBody, readLaunchBody, readResultBody } from '../../../src/core/wire/bodies';

describe('the bodies, read where they arrive (untrusted JSON)', () => {
  const state = 'a'.repeat(22);

  it('a launch body: state, mode (redirect by default), page as it came, short params', () => {
    expect(
      readLaunchBody({ state, mode: 'popup', page: '/cb', params: { app: 'SlackAPI' } }),
    ).toEqual({ state, mode: 'popup', page: '/cb', params: { app: 'SlackAPI' } });
    expect(readLaunchBody({ state })).toEqual({
      state,
      mode: 'redirect',
      page: undefined,
      params: {},
    });
  });

  it.each([
    ['no body', null],
    ['a string', 'x'],
    ['a short state', { state: 'short' }],
    ['a state with other characters', { state: `${state}!` }],
    ['an unknown mode', { state, mode: 'tab' }],
    ['params that are a list', { state, params: ['a'] }],
    ['a param that is not a string', { state, params: { a: 1 } }],
    ['a long param', { state, params: { a: 'x'.repeat(201) } }],
    [
      'too many params',
      { state, params: Object.fromEntries([...Array(17).keys()].map((k) => [`k${k}`, 'v'])) },
    ],
  ])('refuses a launch body with %s', (_, body) => {
    expect(readLaunchBody(body)).toBeUndefined();
  });

  it('a confirm body: a short authentication id and a state, nothing else', () => {
    expect(readConfirmBody({ authenticationId: '123', state: 's' })).toEqual({
      authenticationId: '123',
      state: 's',
    });
    for (const body of [
      null,
      {},
      { authenticationId: '', state: 's' },
      { authenticationId: 'a b', state: 's' },
      { authenticationId: 'x'.repeat(65), state: 's' },
      { authenticationId: '1' },
    ]) {
      expect(readConfirmBody(body)).toBeUndefined();
    }
  });

  it('a result answer: only a well-formed verified outcome counts', () => {
    const success = parseCallback('?authentication_id=7', { provider: zapier, expectedState: 's' });
    const verified = verifiedOutcome(success);
    expect(readResultBody({ outcome: verified })).toEqual(verified);
    for (const body of [null, {}, { outcome: null }, { outcome: { screen: 'success' } }, 'x']) {
      expect(readResultBody(body)).toBeUndefined();
    }
  });
});
