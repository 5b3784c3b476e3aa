import { describe, expect, it } from 'vitest';
import { outcomeMessages, parseCallback, type ProviderAdapter } from '../../src/core/index';

const generic = 'Something went wrong. Please try again.';

describe('parseCallback: every example URL in the seeds', () => {
  it.each([
    ['https://example.com/link?session_id=csn_123&status=success', 'success', undefined],
    ['myapp://deep-link?session_id=csn_123&status=success', 'success', undefined],
    ['https://example.com/link?session_id=csn_123&status=auth_expired', 'retry', 'auth_expired'],
    [
      'https://example.com/link?session_id=csn_123&status=bad_configuration',
      'error',
      'bad_configuration',
    ],
    ['https://example.com/link?session_id=csn_123&status=user_aborted', 'retry', 'user_aborted'],
  ])('gigs %s', (url, screen, code) => {
    const outcome = parseCallback(url);
    expect(outcome).toMatchObject({ provider: 'gigs', screen, code, sessionId: 'csn_123' });
  });

  const uid = 'psub_d4e5f6789012345678901234abcdef01';
  it('emerge success, first-time consent', () => {
    const outcome = parseCallback(
      `https://yourapp.com/callback?status=success&state=abc123&uid=${uid}`,
      { expectedState: 'abc123' },
    );
    expect(outcome).toMatchObject({
      provider: 'emerge',
      screen: 'success',
      status: 'success',
      uid,
      reconnected: false,
      message: outcomeMessages.success,
    });
  });

  it('emerge reauthorized is a success that says reconnected', () => {
    const outcome = parseCallback(
      `https://yourapp.com/callback?status=reauthorized&state=abc123&uid=${uid}`,
      { expectedState: 'abc123' },
    );
    expect(outcome).toMatchObject({
      screen: 'success',
      reconnected: true,
      messageKey: 'reconnected',
    });
    expect(outcome.message).toMatch(/reconnected/i);
  });

  it.each([
    ['user_failed', 'retry', 'You cancelled the connection. Click below to try again.'],
    ['data_invalid', 'error', "Your account doesn't have enough data history yet."],
    ['access_denied', 'retry', 'Permission was denied. We need access to provide this feature.'],
    ['invalid_scope', 'error', outcomeMessages.invalid_scope],
    [
      'admin_policy_enforced',
      'admin-approval',
      "Your organization's policy prevents this connection.",
    ],
    ['uid_conflict', 'error', generic],
  ])('emerge failure + %s', (code, screen, message) => {
    const outcome = parseCallback(
      `https://yourapp.com/callback?status=failure&state=abc123&uid=${uid}&error_code=${code}`,
      { expectedState: 'abc123' },
    );
    expect(outcome).toMatchObject({ provider: 'emerge', screen, code, status: 'failure', message });
  });

  it('zapier success and error redirects', () => {
    expect(
      parseCallback('https://your-app.com/callback?authentication_id=12345&service=SlackAPI'),
    ).toMatchObject({
      provider: 'zapier',
      screen: 'success',
      authenticationId: '12345',
      service: 'SlackAPI',
    });
    expect(
      parseCallback('https://your-app.com/callback?error=access_denied&service=SlackAPI'),
    ).toMatchObject({
      provider: 'zapier',
      screen: 'retry',
      code: 'access_denied',
      service: 'SlackAPI',
    });
  });
});

describe('parseCallback: every status and error code', () => {
  it.each([
    ['success', 'success', undefined, 'continue', outcomeMessages.success],
    ['auth_expired', 'retry', 'auth_expired', 'retry', outcomeMessages.auth_expired],
    [
      'bad_configuration',
      'error',
      'bad_configuration',
      'contact-support',
      outcomeMessages.bad_configuration,
    ],
    ['not_allowed', 'error', 'not_allowed', 'contact-support', outcomeMessages.bad_configuration],
    ['user_aborted', 'retry', 'user_aborted', 'go-back', outcomeMessages.user_aborted],
    ['intent_fulfilled', 'error', 'unknown_status', 'retry', generic],
  ])('gigs status=%s', (status, screen, code, action, message) => {
    const outcome = parseCallback(`session_id=csn_9&status=${status}`, { provider: 'gigs' });
    expect(outcome).toMatchObject({ screen, code, action, message, status });
  });

  it.each([
    ['user_failed', 'retry', 'retry'],
    ['data_invalid', 'error', 'try-later'],
    ['access_denied', 'retry', 'retry'],
    ['invalid_scope', 'error', 'contact-support'],
    ['admin_policy_enforced', 'admin-approval', 'request-approval'],
    ['uid_conflict', 'error', 'contact-support'],
  ])('emerge error_code=%s gives the documented action', (code, screen, action) => {
    const outcome = parseCallback(`status=failure&state=s&uid=u&error_code=${code}`, {
      provider: 'emerge',
      expectedState: 's',
    });
    expect(outcome).toMatchObject({ screen, code, action });
  });

  it('emerge uid_conflict shows the generic message and gives the developer a hint', () => {
    const outcome = parseCallback('status=failure&state=s&uid=u&error_code=uid_conflict', {
      expectedState: 's',
    });
    expect(outcome.message).toBe(generic);
    expect(outcome.hint).toMatch(/unique uid per user/);
  });

  it.each([
    ['?status=failure&state=s&uid=u'],
    ['?status=failure&state=s&uid=u&error_code=new_thing'],
  ])('emerge failure with a missing or unknown code: %s', (query) => {
    const outcome = parseCallback(query, { provider: 'emerge', expectedState: 's' });
    expect(outcome).toMatchObject({ screen: 'error', code: 'unknown_code', message: generic });
  });

  it.each([
    ['access_denied', 'retry'],
    ['invalid_request', 'error'],
    ['server_error', 'error'],
    ['temporarily_unavailable', 'error'],
  ])('zapier error=%s', (error, screen) => {
    const outcome = parseCallback(
      `error=${error}&error_description=Token+expired&service=SlackAPI`,
    );
    expect(outcome).toMatchObject({
      provider: 'zapier',
      screen,
      action: 'retry',
      service: 'SlackAPI',
    });
    expect(outcome.params.error_description).toBe('Token expired');
    expect(outcome.message).not.toContain('Token expired');
  });

  it('zapier reconnect flows say reconnected', () => {
    const outcome = parseCallback('authentication_id=7&service=SlackAPI', { reconnect: true });
    expect(outcome).toMatchObject({
      screen: 'success',
      reconnected: true,
      messageKey: 'reconnected',
    });
  });
});

describe('parseCallback: what success requires', () => {
  it('emerge without the expected state is invalid_state, never success', () => {
    const url = 'status=success&state=abc123&uid=u1';
    expect(parseCallback(url)).toMatchObject({ screen: 'error', code: 'invalid_state' });
    expect(parseCallback(url, { expectedState: 'other' })).toMatchObject({ code: 'invalid_state' });
    expect(parseCallback('status=success&uid=u1', { expectedState: 'abc123' })).toMatchObject({
      code: 'invalid_state',
    });
    // The state check comes first: a failure with a forged state is still invalid_state.
    expect(
      parseCallback('status=failure&state=x&uid=u1&error_code=user_failed', { expectedState: 'y' }),
    ).toMatchObject({ code: 'invalid_state', message: outcomeMessages.invalid_state });
  });

  it('emerge needs a uid; an empty one is missing', () => {
    expect(
      parseCallback('status=success&state=s&uid=', { provider: 'emerge', expectedState: 's' }),
    ).toMatchObject({ screen: 'error', code: 'missing_params' });
  });

  it('gigs needs a session_id equal to the launched one when given', () => {
    expect(parseCallback('status=success', { provider: 'gigs' })).toMatchObject({
      code: 'missing_params',
    });
    expect(
      parseCallback('session_id=csn_other&status=success', { expectedSessionId: 'csn_mine' }),
    ).toMatchObject({ screen: 'error', code: 'session_mismatch' });
    expect(
      parseCallback('session_id=csn_mine&status=success', { expectedSessionId: 'csn_mine' }),
    ).toMatchObject({ screen: 'success', sessionId: 'csn_mine' });
  });

  it('zapier needs a non-empty authentication_id and no error', () => {
    expect(parseCallback('authentication_id=&service=SlackAPI')).toMatchObject({
      code: 'missing_params',
    });
    expect(parseCallback('authentication_id=1&error=access_denied')).toMatchObject({
      screen: 'error',
      code: 'conflicting_params',
    });
    expect(parseCallback('authentication_id=1&state=a', { expectedState: 'b' })).toMatchObject({
      code: 'invalid_state',
    });
  });

  it('emerge success with an error_code is contradictory', () => {
    expect(
      parseCallback('status=success&state=s&uid=u&error_code=user_failed', { expectedState: 's' }),
    ).toMatchObject({ screen: 'error', code: 'conflicting_params' });
  });
});

describe('parseCallback: inputs', () => {
  const expected = { provider: 'gigs', screen: 'success', sessionId: 'csn_123' };
  it.each([
    ['https://example.com/link?session_id=csn_123&status=success'],
    ['myapp://deep-link?session_id=csn_123&status=success'],
    ['?session_id=csn_123&status=success'],
    ['session_id=csn_123&status=success'],
    ['https://example.com/link?session_id=csn_123&status=success#section'],
  ])('%s', (input) => expect(parseCallback(input)).toMatchObject(expected));

  it('takes URL and URLSearchParams objects', () => {
    expect(
      parseCallback(new URL('https://e.com/cb?session_id=csn_123&status=success')),
    ).toMatchObject(expected);
    expect(
      parseCallback(new URLSearchParams({ session_id: 'csn_123', status: 'success' })),
    ).toMatchObject(expected);
  });

  it("keeps the app's own parameters untouched", () => {
    const outcome = parseCallback(
      'https://example.com/link?error=connectSessionFailed&ref=a%20b&session_id=csn_123&status=success',
      { provider: 'gigs' },
    );
    expect(outcome).toMatchObject({
      screen: 'success',
      appQuery: 'error=connectSessionFailed&ref=a%20b',
    });
  });

  it('decodes percent-encoded and plus-encoded values', () => {
    expect(parseCallback('authentication_id=12%2034&service=Slack+API')).toMatchObject({
      authenticationId: '12 34',
      service: 'Slack API',
    });
  });

  it('accepts a fourth provider described in a few lines', () => {
    const acme: ProviderAdapter<{ url: string }> = {
      id: 'acme',
      params: ['acme_result', 'acme_id'],
      markers: ['acme_result'],
      parse: ({ acme_result: result }) =>
        result === 'ok'
          ? { screen: 'success', action: 'continue' }
          : { screen: 'retry', code: 'user_aborted', action: 'retry' },
      launchUrl: (launch) => launch.url,
    };
    expect(parseCallback('acme_result=ok', { provider: acme })).toMatchObject({
      provider: 'acme',
      screen: 'success',
    });
    expect(parseCallback('acme_result=no', { adapters: [acme] })).toMatchObject({
      provider: 'acme',
      screen: 'retry',
      message: outcomeMessages.user_aborted,
    });
  });
});

describe('parseCallback: hostile input', () => {
  it.each([
    ['session_id=a&session_id=b&status=success', 'ambiguous_params'],
    ['session_id=a&status=success&status=success', 'ambiguous_params'],
    ['authentication_id=1&authentication_id=1', 'ambiguous_params'],
    ['session_id=a&authentication_id=1&status=success', 'ambiguous_params'],
    ['session_id=csn_1&status=%E0%A4%A', 'malformed_params'],
    ['session_id=csn_1&status=', 'missing_params'],
    ['', 'missing_params'],
    ['garbage', 'missing_params'],
    ['https://example.com/?status=success', 'missing_params'],
    ['session_id=csn_1&status=Call%20555-0100%20to%20fix%20your%20account', 'unknown_status'],
  ])('%s gives %s', (input, code) => {
    const outcome = parseCallback(input);
    expect(outcome).toMatchObject({ screen: 'error', code, message: generic });
  });

  it('never shows parameter text as the message', () => {
    const outcome = parseCallback('error=Call+555-0100&error_description=Call+555-0100&service=x');
    expect(outcome.message).toBe(generic);
    expect(JSON.stringify([outcome.message, outcome.messageKey, outcome.hint])).not.toContain(
      '555',
    );
  });

  it('is not polluted by __proto__ or constructor keys', () => {
    const outcome = parseCallback(
      '__proto__=x&constructor=y&__proto__%5Bpolluted%5D=1&session_id=csn_1&status=success',
    );
    expect(outcome).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseCallback('session_id=csn_1&status=__proto__')).toMatchObject({
      code: 'unknown_status',
    });
    expect(parseCallback('session_id=csn_1&status=constructor')).toMatchObject({
      code: 'unknown_status',
    });
    expect(
      parseCallback('status=failure&state=s&uid=u&error_code=toString', { expectedState: 's' }),
    ).toMatchObject({ code: 'unknown_code' });
  });

  it('reads a 1 MB query in linear time and answers', () => {
    const junk = 'a=b&'.repeat(262_144);
    const outcome = parseCallback(`?${junk}session_id=csn_1&status=success`);
    expect(outcome).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
    const one = parseCallback(`?x=${'%'.repeat(1_000_000)}&session_id=csn_1&status=success`);
    expect(one.screen).toBe('success');
  });

  it('never throws on odd inputs', () => {
    for (const input of [null, undefined, 42, {}, [], 'http://[::1', '%', '?&&&=&=='] as never[]) {
      expect(parseCallback(input).screen).toBeDefined();
    }
  });
});
