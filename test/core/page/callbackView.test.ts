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

  it("calls onSuccess for a success only, then onOutcome for every outcome (useConnect's order)", () => {
    const calls: string[] = [];
    const callbacks = {
      onOutcome: vi.fn(() => calls.push('outcome')),
      onSuccess: vi.fn(() => calls.push('success')),
    };
    const bound = { provider: gigs, expectedSessionId: 'c' };
    callBack(parseCallback('?session_id=c&status=success', bound), callbacks);
    callBack(parseCallback('?session_id=c&status=user_aborted', bound), callbacks);
    expect(calls).toEqual(['success', 'outcome', 'outcome']);
  });

  it('a callback that throws is reported, and the other still runs', () => {
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported);
    try {
      const onOutcome = vi.fn();
      const failure = new Error('app bug');
      const onSuccess = vi.fn(() => {
        throw failure;
      });
      const bound = { provider: gigs, expectedSessionId: 'c' };
      callBack(parseCallback('?session_id=c&status=success', bound), { onSuccess, onOutcome });
      expect(onOutcome).toHaveBeenCalledTimes(1);
      expect(reported).toHaveBeenCalledWith(failure);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
