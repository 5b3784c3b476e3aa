import { describe, expect, it } from 'vitest';
import {
  adminApprovalOutcome,
  errorOutcome,
  messageFor,
  outcomeOf,
  retryOutcome,
  successOutcome,
} from '../../../src/core/model/outcome';
import { ownError } from '../../../src/core/model/decision';
import { emerge, emergeMessages } from '../../../src/core/model/providers/emerge';
import { gigs, gigsMessages } from '../../../src/core/model/providers/gigs';
import { zapier, zapierMessages } from '../../../src/core/model/providers/zapier';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import type { CallbackParams, FailureDecision } from '../../../src/core/model/types';

const params = (values: Record<string, string>): CallbackParams =>
  Object.assign(Object.create(null) as Record<string, string>, values);
const failure = (code: string, extra: Partial<FailureDecision> = {}): FailureDecision => ({
  screen: 'error',
  code,
  action: 'retry',
  ...extra,
});

describe('successOutcome', () => {
  it('copies the ids and adds the success text and raw values', () => {
    const source = {
      provider: gigs,
      params: params({ session_id: 'csn_1', status: 'success' }),
      appQuery: 'ref=1',
    };
    expect(successOutcome(source, { screen: 'success', sessionId: 'csn_1' })).toEqual({
      provider: 'gigs',
      screen: 'success',
      code: undefined,
      status: 'success',
      message: sharedMessages.success,
      messageKey: 'success',
      action: 'continue',
      reconnected: false,
      sessionId: 'csn_1',
      params: { session_id: 'csn_1', status: 'success' },
      appQuery: 'ref=1',
    });
  });

  it('says reconnected when the decision reconnected', () => {
    const outcome = successOutcome(
      { provider: emerge },
      { screen: 'success', uid: 'u', reconnected: true },
    );
    expect(outcome).toMatchObject({
      reconnected: true,
      messageKey: 'reconnected',
      message: sharedMessages.reconnected,
      uid: 'u',
    });
  });

  it('copies every id a decision carries', () => {
    const ids = { sessionId: 's', uid: 'u', authenticationId: 'a', service: 'SlackAPI' };
    expect(successOutcome({ provider: 'custom' }, { screen: 'success', ...ids })).toMatchObject(
      ids,
    );
  });

  it('defaults to no params, an empty app query and no status', () => {
    const outcome = successOutcome({ provider: 'custom' }, { screen: 'success' });
    expect(outcome).toMatchObject({ provider: 'custom', status: undefined, appQuery: '' });
    expect(Object.keys(outcome.params)).toEqual([]);
    expect(Object.getPrototypeOf(outcome.params)).toBeNull();
    expect(Object.isFrozen(outcome.params)).toBe(true);
  });
});

describe('the failure constructors', () => {
  it.each([
    ['retry', retryOutcome],
    ['admin-approval', adminApprovalOutcome],
    ['error', errorOutcome],
  ] as const)('%s: its screen, the code, the action, the text', (screen, construct) => {
    const outcome = construct(
      { provider: gigs, params: params({ session_id: 'csn_1', status: 'auth_expired' }) },
      { screen: 'error', code: 'auth_expired', action: 'retry', sessionId: 'csn_1' },
    );
    expect(outcome).toEqual({
      provider: 'gigs',
      screen,
      code: 'auth_expired',
      status: 'auth_expired',
      message: gigsMessages.auth_expired,
      messageKey: 'auth_expired',
      action: 'retry',
      reconnected: false,
      sessionId: 'csn_1',
      params: { session_id: 'csn_1', status: 'auth_expired' },
      appQuery: '',
    });
  });

  it('keeps a developer hint', () => {
    const outcome = errorOutcome({ provider: zapier }, failure('invalid_request', { hint: 'h' }));
    expect(outcome.hint).toBe('h');
    expect(errorOutcome({ provider: zapier }, failure('server_error'))).not.toHaveProperty('hint');
  });

  it('looks the text up under messageKey when given, and keeps the code', () => {
    const outcome = errorOutcome(
      { provider: gigs },
      failure('not_allowed', { messageKey: 'bad_configuration' }),
    );
    expect(outcome).toMatchObject({
      code: 'not_allowed',
      messageKey: 'bad_configuration',
      message: gigsMessages.bad_configuration,
    });
  });
});

describe('messages: the adapter table, else the shared one, else the generic text', () => {
  it.each([
    [zapier, 'access_denied', zapierMessages.access_denied],
    [emerge, 'access_denied', emergeMessages.access_denied],
    [gigs, 'access_denied', sharedMessages.generic],
    [emerge, 'invalid_state', sharedMessages.invalid_state],
    [gigs, 'unsolicited_callback', sharedMessages.unsolicited_callback],
    [emerge, 'generic', sharedMessages.generic],
    ['zapier', 'access_denied', sharedMessages.generic],
    ['custom', 'timeout', sharedMessages.timeout],
    [gigs, 'missing_params', sharedMessages.generic],
    [gigs, 'Call 555-0100', sharedMessages.generic],
  ] as const)('%s / %s', (provider, key, message) => {
    expect(messageFor(provider, key)).toBe(message);
    expect(errorOutcome({ provider }, failure(key)).message).toBe(message);
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'reads own keys only: %s gets the generic text',
    (code) => {
      for (const provider of [gigs, emerge, zapier, 'custom']) {
        expect(errorOutcome({ provider }, failure(code))).toMatchObject({
          code,
          message: sharedMessages.generic,
        });
      }
    },
  );

  it("a custom adapter's own table comes first", () => {
    const custom = { ...gigs, id: 'custom', messages: { invalid_state: 'Custom words.' } };
    expect(errorOutcome({ provider: custom }, ownError('invalid_state')).message).toBe(
      'Custom words.',
    );
  });
});

describe('outcomeOf', () => {
  it.each([
    [{ screen: 'success', uid: 'u' }, 'success'],
    [{ screen: 'retry', code: 'user_failed', action: 'retry' }, 'retry'],
    [
      { screen: 'admin-approval', code: 'admin_policy_enforced', action: 'request-approval' },
      'admin-approval',
    ],
    [{ screen: 'error', code: 'data_invalid', action: 'try-later' }, 'error'],
  ] as const)('routes %j to its screen', (decision, screen) => {
    const outcome = outcomeOf({ provider: emerge }, decision);
    expect(outcome.screen).toBe(screen);
    if (outcome.screen === 'success') expect(outcome.code).toBeUndefined();
    else expect(outcome.code).toBe('code' in decision ? decision.code : undefined);
  });

  it('takes the status from the params', () => {
    const outcome = outcomeOf(
      { provider: emerge, params: params({ status: 'failure', error_code: 'user_failed' }) },
      { screen: 'retry', code: 'user_failed', action: 'retry' },
    );
    expect(outcome).toMatchObject({
      status: 'failure',
      message: emergeMessages.user_failed,
    });
  });
});
