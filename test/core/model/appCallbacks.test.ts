import { describe, expect, it, vi } from 'vitest';
import { cancelledOutcome, timeoutOutcome } from '../../../src/core/flow/flowFailure';
import { isCancelled, notifyApp } from '../../../src/core/model/appCallbacks';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';

describe("notifyApp: one order for the app's callbacks, in useConnect and on the callback page", () => {
  it("calls onSuccess for a success only, then onOutcome for every outcome (the page's callbacks)", () => {
    const calls: string[] = [];
    const callbacks = {
      onOutcome: vi.fn(() => calls.push('outcome')),
      onSuccess: vi.fn(() => calls.push('success')),
    };
    const bound = { provider: gigs, expectedSessionId: 'c' };
    notifyApp(parseCallback('?session_id=c&status=success', bound), callbacks);
    notifyApp(parseCallback('?session_id=c&status=user_aborted', bound), callbacks);
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
      notifyApp(parseCallback('?session_id=c&status=success', bound), { onSuccess, onOutcome });
      expect(onOutcome).toHaveBeenCalledTimes(1);
      expect(reported).toHaveBeenCalledWith(failure);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the specific callback first (onSuccess, onCancel or onError), then onOutcome', () => {
    const calls: string[] = [];
    const callbacks = {
      onSuccess: () => void calls.push('success'),
      onCancel: () => void calls.push('cancel'),
      onError: () => void calls.push('error'),
      onOutcome: (outcome: { code?: unknown }) =>
        void calls.push(`outcome ${String(outcome.code)}`),
    };
    const bound = { provider: gigs, expectedSessionId: 'c' };
    notifyApp(parseCallback('?session_id=c&status=success', bound), callbacks);
    notifyApp(cancelledOutcome(gigs), callbacks);
    notifyApp(parseCallback('?session_id=c&status=user_aborted', bound), callbacks);
    expect(calls).toEqual([
      'success',
      'outcome undefined',
      'cancel',
      'outcome cancelled',
      'error',
      'outcome user_aborted',
    ]);
  });

  it('tells a cancel from the rest', () => {
    expect(isCancelled(cancelledOutcome(gigs))).toBe(true);
    expect(isCancelled(timeoutOutcome(gigs))).toBe(false);
  });
});
