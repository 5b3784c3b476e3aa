import { describe, expect, it } from 'vitest';
import { readProviderMessage } from '../../../src/core/model/providerMessage';
import { emerge } from '../../../src/core/model/providers/emerge';
import { zapier, zapierMessages } from '../../../src/core/model/providers/zapier';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import type { AnyProviderAdapter } from '../../../src/core/model/types';

const popup = { name: 'the popup we opened' };
const sender = { origin: 'https://connect.zapier.com', source: popup };
const event = (data: unknown, over: Partial<{ origin: string; source: unknown }> = {}) => ({
  origin: 'https://connect.zapier.com',
  source: popup,
  data,
  ...over,
});
const successData = { type: 'authenticationSuccess', authId: 12345 };
const expected = { expectedState: 'our-state' };

describe('readProviderMessage', () => {
  it('turns authenticationSuccess with an expectation into a success with a string id', () => {
    expect(readProviderMessage(zapier, event(successData), sender, expected)).toMatchObject({
      provider: 'zapier',
      screen: 'success',
      authenticationId: '12345',
      message: sharedMessages.success,
      params: { authentication_id: '12345' },
      appQuery: '',
    });
  });

  it('a reconnect flow says reconnected', () => {
    expect(
      readProviderMessage(zapier, event(successData), sender, { ...expected, reconnect: true }),
    ).toMatchObject({ screen: 'success', reconnected: true, message: sharedMessages.reconnected });
  });

  it('without an expectation a success is unsolicited_callback', () => {
    for (const expectation of [undefined, {}, { expectedState: '' }]) {
      expect(readProviderMessage(zapier, event(successData), sender, expectation)).toMatchObject({
        screen: 'error',
        code: 'unsolicited_callback',
        message: sharedMessages.unsolicited_callback,
      });
    }
  });

  it('a state in the message that differs is invalid_state; the same state is fine', () => {
    expect(
      readProviderMessage(zapier, event({ ...successData, state: 'forged' }), sender, expected),
    ).toMatchObject({ screen: 'error', code: 'invalid_state' });
    expect(
      readProviderMessage(zapier, event({ ...successData, state: 'our-state' }), sender, expected),
    ).toMatchObject({ screen: 'success', params: { state: 'our-state' } });
  });

  it('maps authenticationError like the redirect errors, with no expectation needed', () => {
    expect(
      readProviderMessage(
        zapier,
        event({ type: 'authenticationError', error: 'access_denied' }),
        sender,
      ),
    ).toMatchObject({
      screen: 'retry',
      code: 'access_denied',
      message: zapierMessages.access_denied,
    });
    const phishing = readProviderMessage(
      zapier,
      event({ type: 'authenticationError', error: 'Call 555-0100' }),
      sender,
    );
    expect(phishing).toMatchObject({
      screen: 'error',
      code: 'unknown_code',
      message: sharedMessages.generic,
    });
    expect(
      readProviderMessage(zapier, event({ type: 'authenticationError', error: { x: 1 } }), sender),
    ).toMatchObject({ screen: 'error', code: 'missing_params' });
  });

  it.each([[undefined], [''], [Number.NaN], [Infinity], [null], [{}]])(
    'never succeeds on authId %s, even when expected',
    (authId) => {
      const outcome = readProviderMessage(
        zapier,
        event({ type: 'authenticationSuccess', authId }),
        sender,
        expected,
      );
      expect(outcome).toMatchObject({ screen: 'error', code: 'missing_params' });
    },
  );

  it('accepts only the expected origin', () => {
    for (const origin of [
      'https://evil.example',
      'https://connect.zapier.com.evil.example',
      'http://connect.zapier.com',
      'https://connect.zapier.com:444',
      'null',
    ]) {
      expect(
        readProviderMessage(zapier, event(successData, { origin }), sender, expected),
      ).toBeUndefined();
    }
  });

  it('accepts only the window we opened, and never a null source', () => {
    expect(
      readProviderMessage(
        zapier,
        event(successData, { source: { name: 'other' } }),
        sender,
        expected,
      ),
    ).toBeUndefined();
    expect(
      readProviderMessage(
        zapier,
        event(successData, { source: null }),
        { ...sender, source: null },
        expected,
      ),
    ).toBeUndefined();
    expect(
      readProviderMessage(
        zapier,
        event(successData, { source: undefined }),
        { ...sender, source: undefined },
        expected,
      ),
    ).toBeUndefined();
    expect(
      readProviderMessage(zapier, event(successData), { ...sender, source: null }, expected),
    ).toBeUndefined();
  });

  it('ignores payloads the provider does not document', () => {
    for (const data of [
      null,
      undefined,
      'authenticationSuccess',
      42,
      { type: 'resize' },
      { type: 'zapier.popup.close' },
    ]) {
      expect(readProviderMessage(zapier, event(data), sender, expected)).toBeUndefined();
    }
  });

  it('ignores every message for an adapter that reads none', () => {
    expect(readProviderMessage(emerge, event(successData), sender, expected)).toBeUndefined();
  });

  it("keeps only the adapter's own names with non-empty string values", () => {
    const loose: AnyProviderAdapter = {
      ...zapier,
      readMessage: () => ({
        authentication_id: '7',
        service: '',
        extra: 'x',
        error_description: 5 as unknown as string,
      }),
    };
    const outcome = readProviderMessage(loose, event({}), sender, expected);
    expect(outcome).toMatchObject({ screen: 'success', authenticationId: '7' });
    expect({ ...outcome?.params }).toEqual({ authentication_id: '7' });
  });
});
