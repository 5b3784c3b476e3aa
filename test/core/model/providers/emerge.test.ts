import { describe, expect, it } from 'vitest';
import { emerge, emergeMessages } from '../../../../src/core/model/providers/emerge';
import type { CallbackParams } from '../../../../src/core/model/types';

const params = (values: Record<string, string>): CallbackParams =>
  Object.assign(Object.create(null) as Record<string, string>, values);
const failure = (errorCode?: string) =>
  emerge.parse(
    params({
      status: 'failure',
      state: 's',
      uid: 'u',
      ...(errorCode ? { error_code: errorCode } : {}),
    }),
    {},
  );

describe('emerge adapter', () => {
  it('reads status, state, uid and error_code; always sends the first three; binds by state', () => {
    expect(emerge.id).toBe('emerge');
    expect(emerge.params).toEqual(['status', 'state', 'uid', 'error_code']);
    expect(emerge.signatures).toEqual([['status', 'state', 'uid']]);
    expect(emerge.binding).toBe('state');
  });

  it("does not read a closed popup as the user's cancel (Google's pages cut the handle)", () => {
    expect(emerge.closeDetection).toBe(false);
  });

  it("has Emerge's documented sentences verbatim, and its own for invalid_scope", () => {
    expect(emerge.messages).toBe(emergeMessages);
    expect({ ...emergeMessages }).toEqual({
      user_failed: 'You cancelled the connection. Click below to try again.',
      data_invalid: "Your account doesn't have enough data history yet.",
      access_denied: 'Permission was denied. We need access to provide this feature.',
      invalid_scope: emergeMessages.invalid_scope,
      admin_policy_enforced: "Your organization's policy prevents this connection.",
    });
    expect(emergeMessages.invalid_scope).toMatch(/support/);
    // uid_conflict shows the generic text, as the default branch of Emerge's documented example does.
    expect(Object.hasOwn(emergeMessages, 'uid_conflict')).toBe(false);
  });

  describe('parse', () => {
    it('success and reauthorized are successes carrying the uid', () => {
      expect(emerge.parse(params({ status: 'success', state: 's', uid: 'psub_1' }), {})).toEqual({
        screen: 'success',
        uid: 'psub_1',
        reconnected: false,
      });
      expect(
        emerge.parse(params({ status: 'reauthorized', state: 's', uid: 'psub_1' }), {}),
      ).toEqual({ screen: 'success', uid: 'psub_1', reconnected: true });
    });

    it.each([
      ['user_failed', { screen: 'retry', code: 'user_failed', action: 'retry' }],
      ['data_invalid', { screen: 'error', code: 'data_invalid', action: 'try-later' }],
      ['access_denied', { screen: 'retry', code: 'access_denied', action: 'retry' }],
      ['invalid_scope', { screen: 'error', code: 'invalid_scope', action: 'contact-support' }],
      [
        'admin_policy_enforced',
        { screen: 'admin-approval', code: 'admin_policy_enforced', action: 'request-approval' },
      ],
    ])('failure + %s', (code, decision) => {
      expect(failure(code)).toEqual(decision);
    });

    it('failure + uid_conflict: the generic text and a developer hint', () => {
      expect(failure('uid_conflict')).toEqual({
        screen: 'error',
        code: 'uid_conflict',
        action: 'contact-support',
        messageKey: 'generic',
        hint: 'Another user is already linked with this uid: use a unique uid per user.',
      });
    });

    it.each([undefined, 'new_code', '__proto__', 'toString', 'constructor'])(
      'failure with a missing or unknown code (%s) is unknown_code',
      (code) => {
        expect(failure(code)).toEqual({ screen: 'error', code: 'unknown_code', action: 'retry' });
      },
    );

    it('a failure needs no uid (older versions sent it empty)', () => {
      expect(emerge.parse(params({ status: 'failure', error_code: 'user_failed' }), {})).toEqual({
        screen: 'retry',
        code: 'user_failed',
        action: 'retry',
      });
    });

    it('a success needs a uid and no error_code', () => {
      expect(emerge.parse(params({ status: 'success', state: 's' }), {})).toMatchObject({
        code: 'missing_params',
      });
      expect(
        emerge.parse(params({ status: 'success', uid: 'u', error_code: 'user_failed' }), {}),
      ).toMatchObject({ screen: 'error', code: 'conflicting_params' });
    });

    it('no status is missing_params; an undocumented one is unknown_status', () => {
      expect(emerge.parse(params({ state: 's', uid: 'u' }), {})).toMatchObject({
        code: 'missing_params',
      });
      for (const status of ['pending', 'Success', '__proto__']) {
        expect(emerge.parse(params({ status, uid: 'u' }), {})).toMatchObject({
          screen: 'error',
          code: 'unknown_status',
        });
      }
    });
  });

  it('opens the signed consent link as it came', () => {
    const url = 'https://link.emergedata.ai/link/start?client_id=c&state=s&signature=abc';
    expect(
      emerge.launchUrl({ url }, { state: 's', redirectUri: 'https://a/cb', mode: 'popup' }),
    ).toBe(url);
  });

  it('has its popup land on the callback page, which relays the result', () => {
    expect(emerge.returns).toBe('relay');
    expect(emerge.messageOrigin).toBeUndefined();
    expect(emerge.readMessage).toBeUndefined();
    expect(emerge.sessionId).toBeUndefined();
    expect(emerge.reconnects).toBeUndefined();
  });
});
