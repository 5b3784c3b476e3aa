import { describe, expect, it } from 'vitest';
import { emerge, isRelayMessage, readProviderMessage, zapier } from '../../src/core/index';

const popup = { name: 'popup' };
const expected = { origin: 'https://connect.zapier.com', source: popup };
const event = (data: unknown, over: Partial<{ origin: string; source: unknown }> = {}) => ({
  origin: 'https://connect.zapier.com',
  source: popup,
  data,
  ...over,
});

describe('readProviderMessage (Zapier popup)', () => {
  it('turns authenticationSuccess with a numeric authId into a string id', () => {
    const outcome = readProviderMessage(
      zapier,
      event({ type: 'authenticationSuccess', authId: 12345 }),
      expected,
    );
    expect(outcome).toMatchObject({
      provider: 'zapier',
      screen: 'success',
      authenticationId: '12345',
    });
  });

  it('maps authenticationError like the redirect errors', () => {
    expect(
      readProviderMessage(
        zapier,
        event({ type: 'authenticationError', error: 'access_denied' }),
        expected,
      ),
    ).toMatchObject({ screen: 'retry', code: 'access_denied' });
    expect(
      readProviderMessage(
        zapier,
        event({ type: 'authenticationError', error: 'Call 555' }),
        expected,
      ),
    ).toMatchObject({
      screen: 'error',
      code: 'unknown_code',
      message: 'Something went wrong. Please try again.',
    });
    expect(
      readProviderMessage(
        zapier,
        event({ type: 'authenticationError', error: { x: 1 } }),
        expected,
      ),
    ).toMatchObject({ screen: 'error', code: 'missing_params' });
  });

  it('ignores messages from another origin or another window', () => {
    const data = { type: 'authenticationSuccess', authId: 1 };
    expect(
      readProviderMessage(zapier, event(data, { origin: 'https://evil.example' }), expected),
    ).toBeUndefined();
    expect(
      readProviderMessage(
        zapier,
        event(data, { origin: 'https://connect.zapier.com.evil.example' }),
        expected,
      ),
    ).toBeUndefined();
    expect(
      readProviderMessage(zapier, event(data, { source: { name: 'other' } }), expected),
    ).toBeUndefined();
    expect(
      readProviderMessage(zapier, event(data, { source: null }), { ...expected, source: null }),
    ).toBeUndefined();
  });

  it('ignores undocumented message types and odd payloads', () => {
    for (const data of [
      null,
      'authenticationSuccess',
      42,
      { type: 'resize' },
      { type: 'zapier.popup.close' },
    ]) {
      expect(readProviderMessage(zapier, event(data), expected)).toBeUndefined();
    }
    expect(
      readProviderMessage(emerge, event({ type: 'authenticationSuccess', authId: 1 }), expected),
    ).toBeUndefined();
  });

  it('never succeeds on a missing, empty or non-finite authId', () => {
    for (const authId of [undefined, '', Number.NaN, Infinity, null, {}]) {
      const outcome = readProviderMessage(
        zapier,
        event({ type: 'authenticationSuccess', authId }),
        expected,
      );
      expect(outcome?.screen).toBe('error');
    }
  });
});

describe('isRelayMessage', () => {
  it('accepts only our relay shape', () => {
    expect(isRelayMessage({ type: 'rcf:callback', provider: 'gigs', query: 'a=1' })).toBe(true);
    for (const data of [
      null,
      {},
      { type: 'rcf:callback', provider: 1, query: '' },
      { type: 'x', provider: 'gigs', query: '' },
    ]) {
      expect(isRelayMessage(data)).toBe(false);
    }
  });
});

describe('zapier.launchUrl', () => {
  const context = { state: 's', redirectUri: 'https://app.example/connect/callback' };
  it('builds the documented Connect UI URL: app path, token, theme, reconnect_id', () => {
    const url = new URL(
      zapier.launchUrl(
        { token: 'tok', app: 'Slack API/x', theme: 'partner-dark', reconnectId: '42' },
        { ...context, mode: 'popup' },
      ),
    );
    expect(url.origin + url.pathname).toBe('https://connect.zapier.com/to/Slack%20API%2Fx');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      token: 'tok',
      theme: 'partner-dark',
      reconnect_id: '42',
    });
  });

  it('adds redirect_uri only in redirect mode, and honours a configured base URL', () => {
    const launch = { token: 'tok', app: 'SlackAPI', baseUrl: 'http://127.0.0.1:4174/zapier' };
    const url = new URL(zapier.launchUrl(launch, { ...context, mode: 'redirect' }));
    expect(url.href.startsWith('http://127.0.0.1:4174/zapier/to/SlackAPI?')).toBe(true);
    expect(url.searchParams.get('redirect_uri')).toBe(context.redirectUri);
    expect(url.searchParams.has('theme')).toBe(false);
    expect(zapier.messageOrigin?.(launch)).toBe('http://127.0.0.1:4174');
  });
});
