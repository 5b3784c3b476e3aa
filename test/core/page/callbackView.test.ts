import { describe, expect, it, vi } from 'vitest';
import { callBack, viewOf } from '../../../src/core/page/callbackView';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';

describe('callback views and callbacks', () => {
  it('a view starts without the close hint', () => {
    expect(viewOf(undefined, '/start')).toEqual({
      outcome: undefined,
      returnTo: '/start',
      closeHint: false,
    });
  });

  it('calls onOutcome for every outcome, then onSuccess for a success only', () => {
    const calls: string[] = [];
    const callbacks = {
      onOutcome: vi.fn(() => calls.push('outcome')),
      onSuccess: vi.fn(() => calls.push('success')),
    };
    const bound = { provider: gigs, expectedSessionId: 'c' };
    callBack(parseCallback('?session_id=c&status=success', bound), callbacks);
    callBack(parseCallback('?session_id=c&status=user_aborted', bound), callbacks);
    expect(calls).toEqual(['outcome', 'success', 'outcome']);
  });
});
