import { describe, expect, it } from 'vitest';
import { errorOutcome, successOutcome } from '../../../src/core/model/outcome';
import {
  isOutcomeSummary,
  restoreOutcome,
  summarize,
} from '../../../src/core/model/outcomeSummary';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import type { CallbackParams } from '../../../src/core/model/types';

const params = (values: Record<string, string>): CallbackParams =>
  Object.assign(Object.create(null) as Record<string, string>, values);

const success = successOutcome(
  {
    provider: emerge,
    params: params({ status: 'reauthorized', state: 's', uid: 'psub_1' }),
    appQuery: 'ref=1',
  },
  { screen: 'success', uid: 'psub_1', reconnected: true },
);
const failure = errorOutcome(
  { provider: gigs, params: params({ session_id: 'csn_1', status: 'bad_configuration' }) },
  {
    screen: 'error',
    code: 'bad_configuration',
    action: 'contact-support',
    sessionId: 'csn_1',
    hint: 'h',
  },
);

describe('summarize', () => {
  it('keeps what may be shown again and drops ids, params, appQuery, status and hint', () => {
    expect(summarize(success)).toEqual({
      provider: 'emerge',
      screen: 'success',
      code: undefined,
      message: sharedMessages.reconnected,
      messageKey: 'reconnected',
      action: 'continue',
      reconnected: true,
    });
    const summary = summarize(failure);
    expect(Object.keys(summary).sort()).toEqual([
      'action',
      'code',
      'message',
      'messageKey',
      'provider',
      'reconnected',
      'screen',
    ]);
    expect(JSON.stringify(summary)).not.toMatch(/csn_1|psub_1|ref=1/);
  });
});

describe('isOutcomeSummary', () => {
  const valid = summarize(failure);

  it('accepts summaries, also after a JSON round trip (a success loses its code key)', () => {
    expect(isOutcomeSummary(valid)).toBe(true);
    expect(isOutcomeSummary(summarize(success))).toBe(true);
    expect(isOutcomeSummary(JSON.parse(JSON.stringify(summarize(success))))).toBe(true);
    expect(isOutcomeSummary(JSON.parse(JSON.stringify(valid)))).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'summary'],
    ['an array', []],
    ['no provider', { ...valid, provider: undefined }],
    ['a numeric provider', { ...valid, provider: 1 }],
    ['an unknown screen', { ...valid, screen: 'done' }],
    ['no screen', { ...valid, screen: undefined }],
    ['a success with a code', { ...summarize(success), code: 'x' }],
    ['an error without a code', { ...valid, code: undefined }],
    ['a numeric code', { ...valid, code: 1 }],
    ['no message', { ...valid, message: undefined }],
    ['no messageKey', { ...valid, messageKey: undefined }],
    ['an unknown action', { ...valid, action: 'navigate' }],
    ['no action', { ...valid, action: undefined }],
    ['a string reconnected', { ...valid, reconnected: 'true' }],
    ['no reconnected', { ...valid, reconnected: undefined }],
  ])('rejects %s', (_, value) => {
    expect(isOutcomeSummary(value)).toBe(false);
  });
});

describe('restoreOutcome', () => {
  it('round-trips a summary to an outcome with no ids or params', () => {
    for (const outcome of [success, failure]) {
      const restored = restoreOutcome(summarize(outcome));
      expect(summarize(restored)).toEqual(summarize(outcome));
      expect(restored).toMatchObject({ status: undefined, appQuery: '' });
      expect(Object.keys(restored.params)).toEqual([]);
      expect(restored).not.toHaveProperty('sessionId');
      expect(restored).not.toHaveProperty('uid');
    }
  });

  it('gives a failure summary without a code unknown_code', () => {
    const summary = { ...summarize(failure), code: undefined };
    expect(restoreOutcome(summary)).toMatchObject({ screen: 'error', code: 'unknown_code' });
  });
});
