import { describe, expect, it } from 'vitest';
import { outcomeMessages, parseCallback } from '../../src/core/index';

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
    expect(outcome).toMatchObject({ screen: 'success', reconnected: true, messageKey: 'reconnected' });
    expect(outcome.message).toMatch(/reconnected/i);
  });

  it.each([
    ['user_failed', 'retry', 'You cancelled the connection. Click below to try again.'],
    ['data_invalid', 'error', "Your account doesn't have enough data history yet."],
    ['access_denied', 'retry', 'Permission was denied. We need access to provide this feature.'],
    ['invalid_scope', 'error', outcomeMessages.invalid_scope],
    ['admin_policy_enforced', 'admin-approval', "Your organization's policy prevents this connection."],
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
    ).toMatchObject({ provider: 'zapier', screen: 'retry', code: 'access_denied', service: 'SlackAPI' });
  });
});
