// @vitest-environment node
import {
  adminApprovalOutcome,
  errorOutcome,
  retryOutcome,
  successOutcome,
} from '../../src/core/model/outcome';
import { emerge, emergeMessages } from '../../src/core/model/providers/emerge';
import { gigs } from '../../src/core/model/providers/gigs';
import { zapier, zapierMessages } from '../../src/core/model/providers/zapier';
import { sharedMessages } from '../../src/core/model/sharedMessages';
import type { AnyProviderAdapter } from '../../src/core/model/types';
import {
  callbackScreenText,
  callbackWords,
  type CallbackMessages,
} from '../../src/react/callbackText';

const accessDenied = (provider: AnyProviderAdapter) =>
  retryOutcome({ provider }, { screen: 'retry', code: 'access_denied', action: 'retry' });
/** A custom adapter's outcome whose key is whatever the adapter said. */
const withKey = (messageKey: string) =>
  errorOutcome({ provider: 'acme' }, { screen: 'error', code: messageKey, action: 'retry' });

describe('callbackWords: the defaults', () => {
  it('a heading per screen, the outcome text, and a detail where there is one', () => {
    const success = successOutcome({ provider: gigs }, { screen: 'success', sessionId: 'csn_1' });
    expect(callbackWords(success)).toMatchObject({
      heading: 'Connected',
      message: sharedMessages.success,
      detail: undefined,
    });
    const reconnected = successOutcome(
      { provider: emerge },
      { screen: 'success', reconnected: true },
    );
    expect(callbackWords(reconnected)).toMatchObject({
      heading: 'Reconnected',
      message: sharedMessages.reconnected,
    });
    expect(callbackWords(accessDenied(emerge))).toMatchObject({
      heading: 'Not connected yet',
      message: emergeMessages.access_denied,
      detail: undefined,
    });
    const approval = adminApprovalOutcome(
      { provider: emerge },
      { screen: 'admin-approval', code: 'admin_policy_enforced', action: 'request-approval' },
    );
    expect(callbackWords(approval)).toMatchObject({
      heading: 'Approval needed',
      message: emergeMessages.admin_policy_enforced,
      detail: callbackScreenText['detail_admin-approval'],
    });
    const dataInvalid = errorOutcome(
      { provider: emerge },
      { screen: 'error', code: 'data_invalid', action: 'try-later' },
    );
    expect(callbackWords(dataInvalid)).toMatchObject({
      heading: 'Connection failed',
      message: emergeMessages.data_invalid,
      detail: callbackScreenText.detail_data_invalid,
    });
  });

  it('the words are the defaults, with the app messages over them; the defaults stay as they were', () => {
    const before = { ...callbackScreenText };
    const { words } = callbackWords(accessDenied(zapier), { retry: 'Erneut versuchen' });
    expect(words).toMatchObject({ ...before, retry: 'Erneut versuchen' });
    expect(callbackScreenText).toEqual(before);
  });
});

describe('callbackWords: the lookup order', () => {
  it('{provider}.{key}, then {key}, then the outcome text', () => {
    const messages: Partial<CallbackMessages> = {
      'zapier.access_denied': 'Zapier said no.',
      access_denied: 'Access was denied.',
    };
    expect(callbackWords(accessDenied(zapier), messages).message).toBe('Zapier said no.');
    expect(callbackWords(accessDenied(emerge), messages).message).toBe('Access was denied.');
    expect(callbackWords(accessDenied(zapier), { 'zapier.access_denied': 'Z' }).message).toBe('Z');
    expect(callbackWords(accessDenied(emerge), { 'zapier.access_denied': 'Z' }).message).toBe(
      emergeMessages.access_denied,
    );
    expect(callbackWords(accessDenied(zapier)).message).toBe(zapierMessages.access_denied);
  });

  it('looks up the message key, not the code (Gigs not_allowed reads bad_configuration)', () => {
    const notAllowed = errorOutcome(
      { provider: gigs },
      {
        screen: 'error',
        code: 'not_allowed',
        action: 'contact-support',
        messageKey: 'bad_configuration',
      },
    );
    expect(callbackWords(notAllowed, { bad_configuration: 'Not set up.' }).message).toBe(
      'Not set up.',
    );
    expect(
      callbackWords(notAllowed, { 'gigs.bad_configuration': 'Gigs: not set up.' }).message,
    ).toBe('Gigs: not set up.');
  });

  it('shared keys reword every provider', () => {
    const unsolicited = (provider: AnyProviderAdapter) =>
      errorOutcome(
        { provider },
        { screen: 'error', code: 'unsolicited_callback', action: 'retry' },
      );
    for (const provider of [gigs, emerge, zapier]) {
      expect(
        callbackWords(unsolicited(provider), { unsolicited_callback: 'Start from the app.' })
          .message,
      ).toBe('Start from the app.');
    }
  });

  it('headings and details are screen words the app can reword', () => {
    const messages = { heading_retry: 'Noch nicht', heading_reconnected: 'Wieder da' };
    expect(callbackWords(accessDenied(gigs), messages).heading).toBe('Noch nicht');
    const reconnected = successOutcome(
      { provider: emerge },
      { screen: 'success', reconnected: true },
    );
    expect(callbackWords(reconnected, messages).heading).toBe('Wieder da');
    const dataInvalid = errorOutcome(
      { provider: emerge },
      { screen: 'error', code: 'data_invalid', action: 'try-later' },
    );
    expect(callbackWords(dataInvalid, { detail_data_invalid: 'Später.' }).detail).toBe('Später.');
  });
});

describe('callbackWords: own keys only', () => {
  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'a message key %s never reads the prototype',
    (key) => {
      const words = callbackWords(withKey(key));
      expect(words.message).toBe(sharedMessages.generic);
      expect(typeof words.message).toBe('string');
      expect(words.detail).toBeUndefined();
      expect(callbackWords(withKey(key), { retry: 'x' }).message).toBe(sharedMessages.generic);
    },
  );

  it('a provider named like a prototype member reads nothing inherited either', () => {
    const outcome = { ...withKey('access_denied'), provider: '__proto__' };
    expect(callbackWords(outcome).message).toBe(sharedMessages.generic);
  });

  it('inherited entries of the messages object are not the app words', () => {
    const messages = Object.create({ access_denied: 'inherited' }) as Partial<CallbackMessages>;
    expect(callbackWords(accessDenied(emerge), messages).message).toBe(
      emergeMessages.access_denied,
    );
  });

  it("an app's own key, even a strange one, is the app's word", () => {
    const messages = JSON.parse('{"__proto__": "Proto text"}') as Partial<CallbackMessages>;
    expect(callbackWords(withKey('__proto__'), messages).message).toBe('Proto text');
  });
});
