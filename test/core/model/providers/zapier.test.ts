import { describe, expect, it } from 'vitest';
import { zapier, zapierMessages } from '../../../../src/core/model/providers/zapier';
import type { CallbackParams, LaunchContext } from '../../../../src/core/model/types';

const params = (values: Record<string, string>): CallbackParams =>
  Object.assign(Object.create(null) as Record<string, string>, values);
const popup: LaunchContext = {
  state: 'our-state',
  redirectUri: 'https://app.example/connect/callback',
  mode: 'popup',
};
const redirect: LaunchContext = { ...popup, mode: 'redirect' };

describe('zapier adapter', () => {
  it('reads its redirect parameters; an id or an error names it; binds to the flow', () => {
    expect(zapier.id).toBe('zapier');
    expect(zapier.params).toEqual([
      'authentication_id',
      'service',
      'error',
      'error_description',
      'state',
    ]);
    expect(zapier.signatures).toEqual([['authentication_id'], ['error']]);
    expect(zapier.binding).toBe('flow');
    expect(zapier.closeDetection).toBeUndefined();
  });

  it('has its own text for the documented errors', () => {
    expect(zapier.messages).toBe(zapierMessages);
    expect(Object.keys(zapierMessages).sort()).toEqual([
      'access_denied',
      'invalid_request',
      'server_error',
    ]);
    expect(zapierMessages.access_denied).not.toBe(
      'Permission was denied. We need access to provide this feature.',
    );
  });

  describe('parse', () => {
    it('authentication_id is a success, with the service when sent', () => {
      expect(zapier.parse(params({ authentication_id: '12345', service: 'SlackAPI' }), {})).toEqual(
        { screen: 'success', authenticationId: '12345', service: 'SlackAPI' },
      );
      expect(zapier.parse(params({ authentication_id: '1' }), {})).toEqual({
        screen: 'success',
        authenticationId: '1',
      });
    });

    it('a reconnect flow says reconnected', () => {
      expect(zapier.parse(params({ authentication_id: '1' }), { reconnect: true })).toEqual({
        screen: 'success',
        authenticationId: '1',
        reconnected: true,
      });
      expect(
        zapier.parse(params({ error: 'access_denied' }), { reconnect: true }),
      ).not.toHaveProperty('reconnected');
    });

    it.each([
      ['access_denied', { screen: 'retry', code: 'access_denied', action: 'retry' }],
      [
        'invalid_request',
        {
          screen: 'error',
          code: 'invalid_request',
          action: 'retry',
          hint: 'Generate a new connect token and retry; check the app id if it persists.',
        },
      ],
      ['server_error', { screen: 'error', code: 'server_error', action: 'retry' }],
      ['temporarily_unavailable', { screen: 'error', code: 'unknown_code', action: 'retry' }],
      ['__proto__', { screen: 'error', code: 'unknown_code', action: 'retry' }],
    ])('error=%s', (error, decision) => {
      expect(zapier.parse(params({ error, service: 'SlackAPI' }), {})).toEqual({
        ...decision,
        service: 'SlackAPI',
      });
    });

    it('an id and an error conflict; neither is missing_params', () => {
      expect(zapier.parse(params({ authentication_id: '1', error: 'access_denied' }), {})).toEqual({
        screen: 'error',
        code: 'conflicting_params',
        action: 'retry',
      });
      expect(zapier.parse(params({ service: 'SlackAPI' }), {})).toEqual({
        screen: 'error',
        code: 'missing_params',
        action: 'retry',
        service: 'SlackAPI',
      });
    });
  });

  describe('launchUrl', () => {
    it('builds the documented Connect UI URL with our state last', () => {
      expect(zapier.launchUrl({ token: 'tok', app: 'SlackAPI' }, popup)).toBe(
        'https://connect.zapier.com/to/SlackAPI?token=tok&state=our-state',
      );
      expect(
        zapier.launchUrl(
          { token: 'tok', app: 'SlackAPI', theme: 'partner-dark', reconnectId: '42' },
          redirect,
        ),
      ).toBe(
        'https://connect.zapier.com/to/SlackAPI?token=tok&theme=partner-dark&reconnect_id=42' +
          '&redirect_uri=https%3A%2F%2Fapp.example%2Fconnect%2Fcallback&state=our-state',
      );
    });

    it('adds redirect_uri only in redirect mode', () => {
      const launch = { token: 'tok', app: 'SlackAPI' };
      expect(new URL(zapier.launchUrl(launch, popup)).searchParams.has('redirect_uri')).toBe(false);
      expect(new URL(zapier.launchUrl(launch, redirect)).searchParams.get('redirect_uri')).toBe(
        popup.redirectUri,
      );
    });

    it('encodes the app as one path segment and the token as a value', () => {
      const url = new URL(zapier.launchUrl({ token: 'a&b=c', app: 'Slack API/x' }, popup));
      expect(url.origin + url.pathname).toBe('https://connect.zapier.com/to/Slack%20API%2Fx');
      expect(Object.fromEntries(url.searchParams)).toEqual({ token: 'a&b=c', state: 'our-state' });
    });

    it('honours a configured base URL, and takes its message origin from it', () => {
      const launch = { token: 'tok', app: 'SlackAPI', baseUrl: 'http://127.0.0.1:4174/zapier' };
      expect(zapier.launchUrl(launch, redirect)).toMatch(
        /^http:\/\/127\.0\.0\.1:4174\/zapier\/to\/SlackAPI\?token=tok&redirect_uri=/,
      );
      expect(zapier.messageOrigin?.(launch)).toBe('http://127.0.0.1:4174');
      expect(zapier.messageOrigin?.({ token: 'tok', app: 'SlackAPI' })).toBe(
        'https://connect.zapier.com',
      );
    });
  });

  it('reconnects when the launch carries a reconnectId', () => {
    expect(zapier.reconnects?.({ token: 't', app: 'a', reconnectId: '42' })).toBe(true);
    expect(zapier.reconnects?.({ token: 't', app: 'a' })).toBe(false);
    expect(zapier.reconnects?.({ token: 't', app: 'a', reconnectId: '' })).toBe(false);
  });

  describe('readMessage', () => {
    const read = (data: unknown) => zapier.readMessage?.(data);

    it('authenticationSuccess: a numeric authId becomes a string id', () => {
      expect(read({ type: 'authenticationSuccess', authId: 12345 })).toEqual({
        authentication_id: '12345',
      });
      expect(read({ type: 'authenticationSuccess', authId: '678' })).toEqual({
        authentication_id: '678',
      });
    });

    it.each([[undefined], [''], [Number.NaN], [Infinity], [null], [{}], [true]])(
      'authenticationSuccess with authId %s gives no id',
      (authId) => {
        expect(read({ type: 'authenticationSuccess', authId })).toEqual({ authentication_id: '' });
      },
    );

    it('authenticationError: the error when it is a string', () => {
      expect(read({ type: 'authenticationError', error: 'access_denied' })).toEqual({
        error: 'access_denied',
      });
      expect(read({ type: 'authenticationError', error: { code: 1 } })).toEqual({ error: '' });
      expect(read({ type: 'authenticationError' })).toEqual({ error: '' });
    });

    it('keeps an echoed string state', () => {
      expect(read({ type: 'authenticationSuccess', authId: 1, state: 's' })).toEqual({
        authentication_id: '1',
        state: 's',
      });
      expect(read({ type: 'authenticationError', error: 'server_error', state: 's' })).toEqual({
        error: 'server_error',
        state: 's',
      });
      expect(read({ type: 'authenticationSuccess', authId: 1, state: 42 })).toEqual({
        authentication_id: '1',
      });
    });

    it.each([
      [null],
      [undefined],
      ['authenticationSuccess'],
      [42],
      [[]],
      [{}],
      [{ type: 'resize' }],
      [{ type: 'zapier.popup.close' }],
      [{ type: 'AuthenticationSuccess', authId: 1 }],
    ])('ignores %j', (data) => {
      expect(read(data)).toBeUndefined();
    });
  });

  it('hears its popup result by postMessage', () => {
    expect(zapier.returns).toBe('message');
    expect(zapier.sessionId).toBeUndefined();
  });
});
