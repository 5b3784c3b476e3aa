import { describe, expect, it } from 'vitest';
import { savedCallback, viewOf, withSavedCallback } from '../../../src/core/page/callbackPage';
import { summarize } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';

const summary = summarize(
  parseCallback('?session_id=c&status=user_aborted', { provider: gigs, expectedSessionId: 'c' }),
);

describe('the history record', () => {
  it("keeps the app's own state and reads back what was saved", () => {
    const state = withSavedCallback(
      { key: 'router', usr: { a: 1 } },
      { summary, returnTo: '/plans' },
    );
    expect(state).toMatchObject({ key: 'router', usr: { a: 1 } });
    expect(savedCallback(state)).toEqual({ summary, returnTo: '/plans' });
  });

  it('reads a malformed record, or a foreign return path, as nothing of ours', () => {
    expect(savedCallback(null)).toBeUndefined();
    expect(savedCallback({ rcf: { summary: { screen: 'success' } } })).toBeUndefined();
    const foreign = withSavedCallback(null, { summary, returnTo: '//evil.example' });
    expect(savedCallback(foreign)?.returnTo).toBeUndefined();
  });
});

describe('callback views', () => {
  it('a view starts without the close hint', () => {
    expect(viewOf(undefined, '/start')).toEqual({
      outcome: undefined,
      returnTo: '/start',
      closeHint: false,
    });
  });
});
