import { describe, expect, it } from 'vitest';
import { ownError } from '../../../src/core/model/decision';
import {
  detectProvider,
  expectationOf,
  parseCallback,
} from '../../../src/core/model/parseCallback';
import { splitQuery } from '../../../src/core/model/parseQuery';
import { emerge, emergeMessages } from '../../../src/core/model/providers/emerge';
import { gigs, gigsMessages } from '../../../src/core/model/providers/gigs';
import { builtInProviders } from '../../../src/core/model/providers/index';
import { zapier, zapierMessages } from '../../../src/core/model/providers/zapier';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import type { ProviderAdapter } from '../../../src/core/model/types';

const generic = sharedMessages.generic;
const uid = 'psub_d4e5f6789012345678901234abcdef01';

describe("parseCallback: every example URL in the providers' docs", () => {
  describe.each([
    ['the Gigs adapter', gigs],
    ['the built-in list', builtInProviders],
  ])('Gigs (Connect sessions link-back) with %s', (_, provider) => {
    const options = { provider, expectedSessionId: 'csn_123' };
    it.each([
      'https://example.com/link?session_id=csn_123&status=success',
      'myapp://deep-link?session_id=csn_123&status=success',
    ])('%s is a success', (url) => {
      expect(parseCallback(url, options)).toEqual({
        provider: 'gigs',
        screen: 'success',
        code: undefined,
        status: 'success',
        message: sharedMessages.success,
        messageKey: 'success',
        action: 'continue',
        reconnected: false,
        sessionId: 'csn_123',
        params: { session_id: 'csn_123', status: 'success' },
        appQuery: '',
      });
    });

    it.each([
      ['auth_expired', 'retry', 'retry', gigsMessages.auth_expired],
      ['bad_configuration', 'error', 'contact-support', gigsMessages.bad_configuration],
      ['user_aborted', 'retry', 'go-back', gigsMessages.user_aborted],
    ])(
      'https://example.com/link?session_id=csn_123&status=%s',
      (status, screen, action, message) => {
        const url = `https://example.com/link?session_id=csn_123&status=${status}`;
        expect(parseCallback(url, options)).toMatchObject({
          provider: 'gigs',
          screen,
          code: status,
          status,
          action,
          message,
          messageKey: status,
          sessionId: 'csn_123',
          reconnected: false,
        });
      },
    );
  });

  describe.each([
    ['the Emerge adapter', emerge],
    ['the built-in list', builtInProviders],
  ])('Emerge (Link callbacks) with %s', (_, provider) => {
    const options = { provider, expectedState: 'abc123' };
    it('success: first-time consent', () => {
      const url = `https://yourapp.com/callback?status=success&state=abc123&uid=${uid}`;
      expect(parseCallback(url, options)).toMatchObject({
        provider: 'emerge',
        screen: 'success',
        code: undefined,
        status: 'success',
        uid,
        reconnected: false,
        message: sharedMessages.success,
        messageKey: 'success',
        action: 'continue',
      });
    });

    it('reauthorized: a success that says reconnected', () => {
      const url = `https://yourapp.com/callback?status=reauthorized&state=abc123&uid=${uid}`;
      expect(parseCallback(url, options)).toMatchObject({
        screen: 'success',
        status: 'reauthorized',
        uid,
        reconnected: true,
        messageKey: 'reconnected',
        message: sharedMessages.reconnected,
      });
      expect(sharedMessages.reconnected).toMatch(/reconnected/i);
    });

    it("failure + user_failed: the retry screen with Emerge's documented sentence", () => {
      const url = `https://yourapp.com/callback?status=failure&state=abc123&uid=${uid}&error_code=user_failed`;
      expect(parseCallback(url, options)).toMatchObject({
        provider: 'emerge',
        screen: 'retry',
        code: 'user_failed',
        status: 'failure',
        action: 'retry',
        message: 'You cancelled the connection. Click below to try again.',
      });
    });
  });

  describe.each([
    ['the Zapier adapter', zapier],
    ['the built-in list', builtInProviders],
  ])('Zapier (Connect UI callback) with %s', (_, provider) => {
    it('success: the connection id is authentication_id', () => {
      const url = 'https://your-app.com/callback?authentication_id=12345&service=SlackAPI';
      expect(parseCallback(url, { provider, expectedState: 'our-state' })).toMatchObject({
        provider: 'zapier',
        screen: 'success',
        code: undefined,
        authenticationId: '12345',
        service: 'SlackAPI',
        message: sharedMessages.success,
        action: 'continue',
        reconnected: false,
      });
    });

    it('error=access_denied: the retry screen with the Zapier text', () => {
      const url = 'https://your-app.com/callback?error=access_denied&service=SlackAPI';
      expect(parseCallback(url, { provider })).toMatchObject({
        provider: 'zapier',
        screen: 'retry',
        code: 'access_denied',
        action: 'retry',
        service: 'SlackAPI',
        message: zapierMessages.access_denied,
        messageKey: 'access_denied',
      });
    });
  });
});

describe('parseCallback: every documented status and code', () => {
  it.each([
    ['auth_expired', 'retry', 'auth_expired', 'retry', gigsMessages.auth_expired],
    [
      'bad_configuration',
      'error',
      'bad_configuration',
      'contact-support',
      gigsMessages.bad_configuration,
    ],
    // The legacy name keeps its own code and shows bad_configuration's text.
    ['not_allowed', 'error', 'not_allowed', 'contact-support', gigsMessages.bad_configuration],
    ['user_aborted', 'retry', 'user_aborted', 'go-back', gigsMessages.user_aborted],
    ['intent_fulfilled', 'error', 'unknown_status', 'retry', generic],
  ])('gigs status=%s', (status, screen, code, action, message) => {
    const outcome = parseCallback(`session_id=csn_9&status=${status}`, { provider: gigs });
    expect(outcome).toMatchObject({ screen, code, action, message, status, sessionId: 'csn_9' });
  });

  it('gigs not_allowed looks its text up under bad_configuration', () => {
    const outcome = parseCallback('session_id=csn_9&status=not_allowed', { provider: gigs });
    expect(outcome.messageKey).toBe('bad_configuration');
  });

  it.each([
    ['user_failed', 'retry', 'retry', 'You cancelled the connection. Click below to try again.'],
    ['data_invalid', 'error', 'try-later', "Your account doesn't have enough data history yet."],
    [
      'access_denied',
      'retry',
      'retry',
      'Permission was denied. We need access to provide this feature.',
    ],
    ['invalid_scope', 'error', 'contact-support', emergeMessages.invalid_scope],
    [
      'admin_policy_enforced',
      'admin-approval',
      'request-approval',
      "Your organization's policy prevents this connection.",
    ],
    ['uid_conflict', 'error', 'contact-support', generic],
  ])('emerge failure + error_code=%s', (code, screen, action, message) => {
    const outcome = parseCallback(`status=failure&state=s&uid=u&error_code=${code}`, {
      provider: emerge,
      expectedState: 's',
    });
    expect(outcome).toMatchObject({ provider: 'emerge', screen, code, action, message });
    expect(outcome.status).toBe('failure');
  });

  it('emerge uid_conflict: the generic message, and a hint for the developer', () => {
    const outcome = parseCallback('status=failure&state=s&uid=u&error_code=uid_conflict', {
      provider: emerge,
      expectedState: 's',
    });
    expect(outcome).toMatchObject({ message: generic, messageKey: 'generic' });
    expect(outcome.hint).toMatch(/unique uid per user/);
  });

  it('the documented failures carry no developer hint but uid_conflict', () => {
    const outcome = parseCallback('status=failure&state=s&uid=u&error_code=user_failed', {
      provider: emerge,
      expectedState: 's',
    });
    expect(outcome.hint).toBeUndefined();
  });

  it.each([
    'status=failure&state=s&uid=u',
    'status=failure&state=s&uid=u&error_code=',
    'status=failure&state=s&uid=u&error_code=new_thing',
    'status=failure&state=s&uid=u&error_code=toString',
    'status=failure&state=s&uid=u&error_code=__proto__',
  ])('emerge failure with a missing or unknown code: %s', (query) => {
    const outcome = parseCallback(query, { provider: emerge, expectedState: 's' });
    expect(outcome).toMatchObject({ screen: 'error', code: 'unknown_code', message: generic });
  });

  it('emerge: an undocumented status is unknown_status', () => {
    expect(
      parseCallback('status=pending&state=s&uid=u', { provider: emerge, expectedState: 's' }),
    ).toMatchObject({ screen: 'error', code: 'unknown_status', message: generic });
  });

  it.each([
    ['access_denied', 'retry', zapierMessages.access_denied],
    ['invalid_request', 'error', zapierMessages.invalid_request],
    ['server_error', 'error', zapierMessages.server_error],
    ['temporarily_unavailable', 'error', generic],
  ])('zapier error=%s', (error, screen, message) => {
    const outcome = parseCallback(
      `error=${error}&error_description=Token+expired&service=SlackAPI`,
      { provider: builtInProviders },
    );
    expect(outcome).toMatchObject({
      provider: 'zapier',
      screen,
      action: 'retry',
      service: 'SlackAPI',
      message,
    });
    expect(outcome.code).toBe(error === 'temporarily_unavailable' ? 'unknown_code' : error);
    expect(outcome.params.error_description).toBe('Token expired');
    expect(outcome.message).not.toContain('Token expired');
  });

  it('zapier invalid_request tells the developer to mint a new connect token', () => {
    const outcome = parseCallback('error=invalid_request&error_description=Token+expired', {
      provider: zapier,
    });
    expect(outcome.hint).toMatch(/new connect token/);
  });

  it("zapier access_denied has Zapier's text, not Emerge's sentence", () => {
    const outcome = parseCallback('error=access_denied', { provider: zapier });
    expect(outcome.message).toBe(zapierMessages.access_denied);
    expect(outcome.message).not.toBe(emergeMessages.access_denied);
    expect(outcome.messageKey).toBe('access_denied');
  });

  it('a zapier reconnect flow says reconnected', () => {
    const outcome = parseCallback('authentication_id=7&service=SlackAPI', {
      provider: zapier,
      expectedState: 's',
      reconnect: true,
    });
    expect(outcome).toMatchObject({
      screen: 'success',
      reconnected: true,
      messageKey: 'reconnected',
      message: sharedMessages.reconnected,
    });
  });

  it('outcome.messageKey is the code, and its text is the own codes shared one', () => {
    const outcome = parseCallback('session_id=csn_x&status=success', {
      provider: gigs,
      expectedSessionId: 'csn_y',
    });
    expect(outcome).toMatchObject({
      code: 'session_mismatch',
      messageKey: 'session_mismatch',
      message: sharedMessages.session_mismatch,
    });
  });
});

describe('parseCallback: the trust model (a success needs a bound flow)', () => {
  const unsolicited = {
    screen: 'error',
    code: 'unsolicited_callback',
    message: sharedMessages.unsolicited_callback,
    messageKey: 'unsolicited_callback',
  };

  describe('Gigs: the session id must be the launched one', () => {
    it('is a success only when expectedSessionId equals the callback session_id', () => {
      const url = '?session_id=csn_mine&status=success';
      expect(parseCallback(url, { provider: gigs, expectedSessionId: 'csn_mine' })).toMatchObject({
        screen: 'success',
        sessionId: 'csn_mine',
      });
    });

    it('another session id is session_mismatch', () => {
      const outcome = parseCallback('?session_id=csn_other&status=success', {
        provider: builtInProviders,
        expectedSessionId: 'csn_mine',
      });
      expect(outcome).toMatchObject({
        provider: 'gigs',
        screen: 'error',
        code: 'session_mismatch',
        message: sharedMessages.session_mismatch,
      });
    });

    it.each([
      [{}],
      [{ expectedSessionId: '' }],
      [{ expectedSessionId: undefined }],
      // A state vouches for nothing here: Gigs sends none.
      [{ expectedState: 'abc' }],
    ])('with no expected session (%j), a success link is unsolicited', (expectation) => {
      for (const provider of [gigs, builtInProviders]) {
        const outcome = parseCallback(
          'https://app.example/cb?session_id=csn_attacker&status=success',
          {
            provider,
            ...expectation,
          },
        );
        expect(outcome).toMatchObject({ provider: 'gigs', ...unsolicited });
        expect(outcome.screen).not.toBe('success');
      }
    });

    it('failures map to their screens with no expectation', () => {
      expect(
        parseCallback('?session_id=csn_1&status=user_aborted', { provider: builtInProviders }),
      ).toMatchObject({ screen: 'retry', code: 'user_aborted', sessionId: 'csn_1' });
    });

    it('a failure of another session than the launched one is session_mismatch', () => {
      expect(
        parseCallback('?session_id=csn_other&status=user_aborted', {
          provider: gigs,
          expectedSessionId: 'csn_mine',
        }),
      ).toMatchObject({ screen: 'error', code: 'session_mismatch' });
    });
  });

  describe('Emerge: the echoed state must be the expected one', () => {
    const success = `status=success&state=abc123&uid=${uid}`;

    it('is a success only with the matching expectedState', () => {
      expect(parseCallback(success, { provider: emerge, expectedState: 'abc123' })).toMatchObject({
        screen: 'success',
        uid,
      });
    });

    it('another state is invalid_state', () => {
      expect(parseCallback(success, { provider: emerge, expectedState: 'other' })).toMatchObject({
        screen: 'error',
        code: 'invalid_state',
        message: sharedMessages.invalid_state,
      });
    });

    it.each([`status=success&uid=${uid}`, `status=success&state=&uid=${uid}`])(
      'a missing state while one is expected is invalid_state: %s',
      (query) => {
        expect(parseCallback(query, { provider: emerge, expectedState: 'abc123' })).toMatchObject({
          screen: 'error',
          code: 'invalid_state',
        });
      },
    );

    it('the state is checked before the status: a failure with a forged state', () => {
      expect(
        parseCallback('status=failure&state=x&uid=u&error_code=user_failed', {
          provider: emerge,
          expectedState: 'y',
        }),
      ).toMatchObject({ screen: 'error', code: 'invalid_state' });
    });

    it.each([[{}], [{ expectedState: '' }], [{ expectedSessionId: 'csn_1' }]])(
      'with no expected state (%j), a success is unsolicited',
      (expectation) => {
        for (const provider of [emerge, builtInProviders]) {
          expect(parseCallback(success, { provider, ...expectation })).toMatchObject({
            provider: 'emerge',
            ...unsolicited,
          });
          expect(
            parseCallback(success.replace('success', 'reauthorized'), { provider, ...expectation })
              .screen,
          ).toBe('error');
        }
      },
    );

    it('failures map to their screens with no expectation', () => {
      expect(
        parseCallback('status=failure&state=s&uid=u&error_code=admin_policy_enforced', {
          provider: builtInProviders,
        }),
      ).toMatchObject({
        provider: 'emerge',
        screen: 'admin-approval',
        code: 'admin_policy_enforced',
      });
    });

    it('a failure with an empty uid (older Emerge) still gets its code screen', () => {
      const outcome = parseCallback(
        'https://yourapp.com/callback?status=failure&state=abc123&uid=&error_code=data_invalid',
        { provider: builtInProviders, expectedState: 'abc123' },
      );
      expect(outcome).toMatchObject({
        provider: 'emerge',
        screen: 'error',
        code: 'data_invalid',
        message: "Your account doesn't have enough data history yet.",
      });
    });

    it('a success with an empty uid is missing_params', () => {
      for (const provider of [emerge, builtInProviders]) {
        expect(
          parseCallback('status=success&state=s&uid=', { provider, expectedState: 's' }),
        ).toMatchObject({ provider: 'emerge', screen: 'error', code: 'missing_params' });
      }
    });
  });

  describe('Zapier: a success needs an expected state, and an echoed state must match it', () => {
    const success = '?authentication_id=666&service=SlackAPI';

    it('is a success when the app or a stored flow expects a state', () => {
      expect(parseCallback(success, { provider: zapier, expectedState: 's' })).toMatchObject({
        screen: 'success',
        authenticationId: '666',
        service: 'SlackAPI',
      });
      expect(
        parseCallback(`${success}&state=s`, { provider: builtInProviders, expectedState: 's' }),
      ).toMatchObject({ screen: 'success', authenticationId: '666' });
    });

    it('a state that comes back and differs is invalid_state', () => {
      expect(
        parseCallback(`${success}&state=other`, { provider: zapier, expectedState: 's' }),
      ).toMatchObject({ screen: 'error', code: 'invalid_state' });
      expect(
        parseCallback('error=access_denied&state=other', { provider: zapier, expectedState: 's' }),
      ).toMatchObject({ screen: 'error', code: 'invalid_state' });
    });

    it.each([[{}], [{ expectedState: '' }], [{ expectedSessionId: '666' }], [{ reconnect: true }]])(
      'with no expected state (%j), a success is unsolicited',
      (expectation) => {
        for (const provider of [zapier, builtInProviders]) {
          expect(parseCallback(success, { provider, ...expectation })).toMatchObject({
            provider: 'zapier',
            ...unsolicited,
          });
          // An echoed state vouches for nothing on its own.
          expect(parseCallback(`${success}&state=s`, { provider, ...expectation }).screen).toBe(
            'error',
          );
        }
      },
    );

    it('failures map to their screens with no expectation', () => {
      expect(
        parseCallback('error=server_error&state=whatever', { provider: builtInProviders }),
      ).toMatchObject({ provider: 'zapier', screen: 'error', code: 'server_error' });
    });
  });
});

describe('parseCallback: detecting the provider in a list', () => {
  const options = { provider: builtInProviders, expectedSessionId: 'csn_1' };

  it('detects from the names a provider must send, after decoding them', () => {
    expect(parseCallback('session%5Fid=csn_1&status=success', options)).toMatchObject({
      provider: 'gigs',
      screen: 'success',
      sessionId: 'csn_1',
    });
  });

  it("keeps Gigs' example callbackUrl query as the app's (not ambiguous)", () => {
    const outcome = parseCallback(
      'http://localhost:3000?error=connectSessionFailed&session_id=csn_1&status=success',
      options,
    );
    expect(outcome).toMatchObject({
      provider: 'gigs',
      screen: 'success',
      sessionId: 'csn_1',
      appQuery: 'error=connectSessionFailed',
    });
    expect(outcome.params).toEqual({ session_id: 'csn_1', status: 'success' });
  });

  it("an app's uid and status before a Gigs callback do not make it Emerge", () => {
    expect(parseCallback('uid=x&page=1&session_id=csn_1&status=success', options)).toMatchObject({
      provider: 'gigs',
      screen: 'success',
      appQuery: 'uid=x&page=1',
    });
    expect(
      parseCallback('status=app&page=2&session_id=csn_1&status=success', options),
    ).toMatchObject({ provider: 'gigs', screen: 'success', appQuery: 'status=app&page=2' });
  });

  it("keeps the app's own parameters byte for byte", () => {
    expect(
      parseCallback('https://example.com/link?ref=a%20b+c&x=%E0&session_id=csn_1&status=success', {
        provider: gigs,
        expectedSessionId: 'csn_1',
      }),
    ).toMatchObject({ screen: 'success', appQuery: 'ref=a%20b+c&x=%E0' });
  });

  it('takes URL and URLSearchParams objects, and ignores the hash', () => {
    const expected = { provider: 'gigs', screen: 'success', sessionId: 'csn_1' };
    expect(
      parseCallback(new URL('https://e.com/cb?session_id=csn_1&status=success'), options),
    ).toMatchObject(expected);
    expect(
      parseCallback(new URLSearchParams({ session_id: 'csn_1', status: 'success' }), options),
    ).toMatchObject(expected);
    expect(
      parseCallback('https://e.com/cb?session_id=csn_1&status=success#top', options),
    ).toMatchObject(expected);
    expect(parseCallback('session_id=csn_1&status=success', options)).toMatchObject(expected);
  });

  it('decodes percent- and plus-encoded values', () => {
    expect(
      parseCallback('authentication_id=12%2034&service=Slack+API', {
        provider: builtInProviders,
        expectedState: 's',
      }),
    ).toMatchObject({ authenticationId: '12 34', service: 'Slack API' });
  });

  it.each([
    ['session_id=a&session_id=b&status=success', 'gigs'],
    ['session_id=a&status=success&status=success', 'gigs'],
    ['authentication_id=1&authentication_id=1', 'zapier'],
    ['status=success&state=s&state=s&uid=u', 'emerge'],
  ])('duplicated provider params are ambiguous: %s', (query, provider) => {
    expect(parseCallback(query, { provider: builtInProviders, expectedState: 's' })).toMatchObject({
      provider,
      screen: 'error',
      code: 'ambiguous_params',
      message: generic,
    });
  });

  it('broken encoding in a provider value is malformed_params', () => {
    expect(parseCallback('session_id=csn_1&status=%E0%A4%A', options)).toMatchObject({
      provider: 'gigs',
      screen: 'error',
      code: 'malformed_params',
      message: generic,
    });
  });

  it.each([
    '',
    'garbage',
    'https://example.com/?status=success',
    'session_id=csn_1&status=success&page=2',
    'state=s&uid=u',
    'service=SlackAPI',
  ])('nothing recognisable is missing_params from provider unknown: %j', (input) => {
    const outcome = parseCallback(input, options);
    expect(outcome).toMatchObject({
      provider: 'unknown',
      screen: 'error',
      code: 'missing_params',
      message: generic,
    });
  });

  it('an empty required value is missing_params from the detected provider', () => {
    expect(parseCallback('session_id=csn_1&status=', options)).toMatchObject({
      provider: 'gigs',
      code: 'missing_params',
    });
    expect(parseCallback('authentication_id=&service=SlackAPI', options)).toMatchObject({
      provider: 'zapier',
      code: 'missing_params',
    });
  });

  it.each([
    ['authentication_id=1&error=access_denied', 'zapier'],
    ['status=success&state=s&uid=u&error_code=user_failed', 'emerge'],
    ['status=reauthorized&state=s&uid=u&error_code=user_failed', 'emerge'],
  ])('contradicting parameters are conflicting_params: %s', (query, provider) => {
    expect(parseCallback(query, { provider: builtInProviders, expectedState: 's' })).toMatchObject({
      provider,
      screen: 'error',
      code: 'conflicting_params',
      message: generic,
    });
  });

  it('reports ambiguous_params when several adapters fit the trailing parameters', () => {
    const lookalike: ProviderAdapter<{ url: string }> = {
      ...gigs,
      id: 'lookalike',
      signatures: [['status']],
    };
    const parts = splitQuery('session_id=c&status=success');
    expect(detectProvider(parts, [gigs, lookalike])).toBe('ambiguous');
    expect(detectProvider(parts, [gigs])).toBe(gigs);
    expect(detectProvider(splitQuery('a=1'), [gigs])).toBeUndefined();
    expect(
      parseCallback('session_id=c&status=success', {
        provider: [gigs, lookalike],
        expectedSessionId: 'c',
      }),
    ).toMatchObject({ provider: 'unknown', screen: 'error', code: 'ambiguous_params' });
  });
});

describe('parseCallback: hostile input', () => {
  const phishing = 'Call 555-0100 to fix your account';

  it.each([
    `session_id=csn_1&status=${encodeURIComponent(phishing)}`,
    `error=${encodeURIComponent(phishing)}&error_description=${encodeURIComponent(phishing)}`,
    `status=failure&state=s&uid=u&error_code=${encodeURIComponent(phishing)}`,
    `status=${encodeURIComponent(phishing)}&state=s&uid=u`,
    `error=access_denied&error_description=${encodeURIComponent(phishing)}`,
  ])('never shows parameter text: %s', (query) => {
    const outcome = parseCallback(query, { provider: builtInProviders, expectedState: 's' });
    expect(outcome.screen).not.toBe('success');
    expect(JSON.stringify([outcome.message, outcome.messageKey, outcome.hint])).not.toContain(
      '555',
    );
    // The raw value still reaches the app through the outcome object.
    expect(JSON.stringify(outcome.params)).toContain('555');
  });

  it('is not polluted by __proto__ or constructor names or values', () => {
    const outcome = parseCallback(
      '__proto__=x&constructor=y&__proto__%5Bpolluted%5D=1&session_id=csn_1&status=success',
      { provider: builtInProviders, expectedSessionId: 'csn_1' },
    );
    expect(outcome).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const status of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(parseCallback(`session_id=csn_1&status=${status}`, { provider: gigs })).toMatchObject({
        code: 'unknown_status',
        message: generic,
      });
    }
    expect(parseCallback('error=constructor', { provider: zapier })).toMatchObject({
      code: 'unknown_code',
      message: generic,
    });
  });

  const bound = { provider: builtInProviders, expectedSessionId: 'csn_1' };

  it('answers a 1 MB query of app parameters before a callback', () => {
    const junk = 'a=b&'.repeat(262_144);
    expect(parseCallback(`?${junk}session_id=csn_1&status=success`, bound)).toMatchObject({
      screen: 'success',
      sessionId: 'csn_1',
    });
  });

  it('answers a 1 MB value of broken percent-encoding in the app query', () => {
    const query = `?x=${'%'.repeat(1_000_000)}&session_id=csn_1&status=success`;
    expect(parseCallback(query, bound).screen).toBe('success');
  });

  it('answers a 1 MB run of provider names as ambiguous', () => {
    const query = `?${'status=x&'.repeat(100_000)}session_id=csn_1`;
    expect(parseCallback(query, bound)).toMatchObject({
      provider: 'gigs',
      code: 'ambiguous_params',
    });
  });

  it.each(['', '?', '&&&', '%', '%%', '?&=&==', '=', 'http://[', 'http://[::1', '#', '?#'])(
    'never throws on %j',
    (input) => {
      for (const provider of [gigs, emerge, zapier, builtInProviders]) {
        const outcome = parseCallback(input, { provider, expectedState: 's' });
        expect(outcome.screen).toBe('error');
        // Emerge, told to expect a state, finds none: invalid_state; the rest miss everything.
        const code = provider === emerge ? 'invalid_state' : 'missing_params';
        expect(outcome.code).toBe(code);
        expect(outcome.message).toBe(provider === emerge ? sharedMessages.invalid_state : generic);
      }
    },
  );

  it('never throws on values that are not strings', () => {
    for (const input of [null, undefined, 42, {}, []]) {
      const outcome = parseCallback(input as never, { provider: builtInProviders });
      expect(outcome).toMatchObject({ screen: 'error', code: 'missing_params' });
    }
  });
});

describe('parseCallback: a fourth provider described in a few lines', () => {
  const acmeMessages = { declined: 'You said no to Acme. You can try again.' };
  const acme: ProviderAdapter<{ url: string }, { authenticationId: string }> = {
    id: 'acme',
    params: ['acme_result', 'acme_id', 'state'],
    signatures: [['acme_result']],
    binding: 'flow',
    messages: acmeMessages,
    parse: ({ acme_result: result, acme_id: id }) => {
      if (result === 'ok' && id) return { screen: 'success', authenticationId: id };
      if (result === 'declined') return { screen: 'retry', code: 'declined', action: 'retry' };
      return ownError('unknown_status');
    },
    launchUrl: (launch) => launch.url,
    returns: 'relay',
  };

  it('succeeds only with an expectation, alone or in a list', () => {
    for (const provider of [acme, [...builtInProviders, acme]]) {
      expect(
        parseCallback('page=1&acme_result=ok&acme_id=9', { provider, expectedState: 's' }),
      ).toMatchObject({
        provider: 'acme',
        screen: 'success',
        authenticationId: '9',
        appQuery: 'page=1',
        message: sharedMessages.success,
      });
      expect(parseCallback('acme_result=ok&acme_id=9', { provider })).toMatchObject({
        code: 'unsolicited_callback',
      });
      expect(
        parseCallback('acme_result=ok&acme_id=9&state=x', { provider, expectedState: 's' }),
      ).toMatchObject({ code: 'invalid_state' });
    }
  });

  it("a 'session' binding needs an expected session even when the decision has no session id", () => {
    const sessionless: ProviderAdapter<{ url: string }> = {
      ...acme,
      binding: 'session',
      parse: () => ({ screen: 'success' }),
    };
    for (const expectation of [{}, { expectedSessionId: '' }, { expectedState: 's' }]) {
      expect(
        parseCallback('acme_result=ok', { provider: sessionless, ...expectation }),
      ).toMatchObject({ screen: 'error', code: 'unsolicited_callback' });
    }
    expect(
      parseCallback('acme_result=ok', { provider: sessionless, expectedSessionId: 'csn_1' }),
    ).toMatchObject({ screen: 'error', code: 'unsolicited_callback' });
  });

  it('shows its own message from its messages table', () => {
    expect(
      parseCallback('acme_result=declined', { provider: [...builtInProviders, acme] }),
    ).toMatchObject({
      provider: 'acme',
      screen: 'retry',
      code: 'declined',
      message: acmeMessages.declined,
    });
    expect(parseCallback('acme_result=weird', { provider: acme })).toMatchObject({
      code: 'unknown_status',
      message: generic,
    });
  });
});

describe('expectationOf: a stored flow read the same way in the browser and on the server', () => {
  const flow = { state: 'flow-state', sessionId: 'csn_1', reconnect: true };

  it("binds the flow's state, session and reconnect", () => {
    expect(expectationOf(flow)).toEqual({
      expectedState: 'flow-state',
      expectedSessionId: 'csn_1',
      reconnect: true,
    });
  });

  it("takes the app's word first, and expects nothing without a flow", () => {
    expect(expectationOf(flow, { expectedState: 'app-state', reconnect: false })).toEqual({
      expectedState: 'app-state',
      expectedSessionId: 'csn_1',
      reconnect: false,
    });
    expect(expectationOf(undefined)).toEqual({
      expectedState: undefined,
      expectedSessionId: undefined,
      reconnect: undefined,
    });
  });
});
