import { describe, expect, it } from 'vitest';
import { gigs, gigsMessages } from '../../../../src/core/model/providers/gigs';
import type { CallbackParams } from '../../../../src/core/model/types';

const params = (values: Record<string, string>): CallbackParams =>
  Object.assign(Object.create(null) as Record<string, string>, values);
const context = { state: 's', redirectUri: 'https://app.example/cb', mode: 'redirect' as const };
const sessionUrl =
  'https://connect.gigs.com/checkout/entry?session=csn_0U2UMLEo0Z7P8Y37&token=secret';

describe('gigs adapter', () => {
  it('reads session_id and status, which it always sends together, bound to the session', () => {
    expect(gigs.id).toBe('gigs');
    expect(gigs.params).toEqual(['session_id', 'status']);
    expect(gigs.signatures).toEqual([['session_id', 'status']]);
    expect(gigs.binding).toBe('session');
    expect(gigs.closeDetection).toBeUndefined();
  });

  it('has its own text for each documented failure status', () => {
    expect(Object.keys(gigsMessages).sort()).toEqual([
      'auth_expired',
      'bad_configuration',
      'user_aborted',
    ]);
    expect(gigs.messages).toBe(gigsMessages);
    for (const message of Object.values(gigsMessages)) expect(message).toMatch(/^[A-Z].*\.$/);
  });

  describe('parse', () => {
    it.each([
      ['success', { screen: 'success', sessionId: 'csn_1' }],
      [
        'auth_expired',
        { screen: 'retry', code: 'auth_expired', action: 'retry', sessionId: 'csn_1' },
      ],
      [
        'bad_configuration',
        {
          screen: 'error',
          code: 'bad_configuration',
          action: 'contact-support',
          sessionId: 'csn_1',
        },
      ],
      [
        'not_allowed',
        {
          screen: 'error',
          code: 'not_allowed',
          action: 'contact-support',
          messageKey: 'bad_configuration',
          sessionId: 'csn_1',
        },
      ],
      [
        'user_aborted',
        { screen: 'retry', code: 'user_aborted', action: 'go-back', sessionId: 'csn_1' },
      ],
      [
        'intent_fulfilled',
        { screen: 'error', code: 'unknown_status', action: 'retry', sessionId: 'csn_1' },
      ],
      [
        '__proto__',
        { screen: 'error', code: 'unknown_status', action: 'retry', sessionId: 'csn_1' },
      ],
      [
        'toString',
        { screen: 'error', code: 'unknown_status', action: 'retry', sessionId: 'csn_1' },
      ],
    ])('status=%s', (status, decision) => {
      expect(gigs.parse(params({ session_id: 'csn_1', status }), {})).toEqual(decision);
    });

    it('needs both a session id and a status', () => {
      const missing = { screen: 'error', code: 'missing_params', action: 'retry' };
      expect(gigs.parse(params({ status: 'success' }), {})).toEqual(missing);
      expect(gigs.parse(params({ session_id: 'csn_1' }), {})).toEqual(missing);
      expect(gigs.parse(params({}), { expectedSessionId: 'csn_1' })).toEqual(missing);
    });

    it('refuses a session other than the launched one, a failure too', () => {
      for (const status of ['success', 'user_aborted']) {
        expect(
          gigs.parse(params({ session_id: 'csn_other', status }), { expectedSessionId: 'csn_1' }),
        ).toEqual({ screen: 'error', code: 'session_mismatch', action: 'retry' });
      }
      expect(
        gigs.parse(params({ session_id: 'csn_1', status: 'success' }), {
          expectedSessionId: 'csn_1',
        }),
      ).toEqual({ screen: 'success', sessionId: 'csn_1' });
    });
  });

  it('opens the session url as it came', () => {
    expect(gigs.launchUrl({ url: sessionUrl }, context)).toBe(sessionUrl);
    expect(gigs.launchUrl({ url: sessionUrl, id: 'csn_x' }, { ...context, mode: 'popup' })).toBe(
      sessionUrl,
    );
  });

  describe('sessionId', () => {
    it("is the launch's id when it has one", () => {
      expect(gigs.sessionId?.({ url: sessionUrl, id: 'csn_given' })).toBe('csn_given');
    });

    it('is otherwise the session parameter of the url', () => {
      expect(gigs.sessionId?.({ url: sessionUrl })).toBe('csn_0U2UMLEo0Z7P8Y37');
      expect(gigs.sessionId?.({ url: sessionUrl, id: undefined })).toBe('csn_0U2UMLEo0Z7P8Y37');
      expect(gigs.sessionId?.({ url: 'https://connect.gigs.com/portal/entry?session=csn_2' })).toBe(
        'csn_2',
      );
    });

    it('is undefined for a url without one, or a malformed url', () => {
      expect(gigs.sessionId?.({ url: 'https://connect.gigs.com/checkout/entry' })).toBeUndefined();
      expect(gigs.sessionId?.({ url: 'not a url' })).toBeUndefined();
      expect(gigs.sessionId?.({ url: 'http://[' })).toBeUndefined();
    });
  });

  it('has its popup land on the callback page, which relays the result', () => {
    expect(gigs.returns).toBe('relay');
    expect(gigs.messageOrigin).toBeUndefined();
    expect(gigs.readMessage).toBeUndefined();
    expect(gigs.reconnects).toBeUndefined();
  });
});
