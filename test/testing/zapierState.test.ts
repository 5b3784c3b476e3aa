import { describe, expect, it } from 'vitest';
import { ZapierState, errorUrl, failures } from '../../src/testing/zapierState';

const callback = 'http://127.0.0.1:3000/connect/callback';

describe('ZapierState', () => {
  const session = (authId: number, subject: string | undefined = 'user') => ({
    app: 'SlackAPI',
    subject,
    redirectUri: callback,
    state: 'st',
    authId,
    done: false,
  });

  it('gives each Connect UI session a new authentication id, or the one reconnected', () => {
    const state = new ZapierState();
    const first = state.authIdFor(null);
    expect(state.authIdFor('')).toBe(first + 1);
    expect(state.authIdFor('777')).toBe(777);
    for (const odd of ['-3', '0', '1.5', 'abc', '9007199254740993']) {
      expect(state.authIdFor(odd)).not.toBe(Number(odd));
    }
  });

  it('finishes a success with the authentication, recorded once and revived on reconnect', () => {
    const state = new ZapierState();
    const url = new URL(state.finish(session(5), 'success') ?? '');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      authentication_id: '5',
      service: 'SlackAPI',
    });
    state.authentications.get('user')![0]!.is_expired = true;
    state.finish(session(5), 'success');
    expect(state.authentications.get('user')).toEqual([
      expect.objectContaining({ id: '5', is_expired: false }),
    ]);
  });

  it('finishes a failure with Zapier error parameters and records nothing', () => {
    const state = new ZapierState();
    const url = new URL(state.finish(session(6), 'token_expired') ?? '');
    expect([...url.searchParams]).toEqual([
      ['error', 'invalid_request'],
      ['error_description', 'Token expired'],
      ['service', 'SlackAPI'],
      ['state', 'st'],
    ]);
    expect(state.authentications.size).toBe(0);
  });

  it('records no authentication without a user, and a popup session has no URL', () => {
    const state = new ZapierState();
    const popup = { ...session(7), subject: undefined, redirectUri: null };
    expect(state.finish(popup, 'success')).toBe(undefined);
    expect(state.authentications.size).toBe(0);
  });

  it('leaves out error_description and state when there are none', () => {
    const url = new URL(errorUrl(callback, 'SlackAPI', null, failures.access_denied!));
    expect([...url.searchParams]).toEqual([
      ['error', 'access_denied'],
      ['service', 'SlackAPI'],
    ]);
  });
});
