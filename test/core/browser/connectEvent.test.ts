import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AttemptFunnel,
  returnedFunnel,
  type ConnectEvent,
} from '../../../src/core/browser/connectEvent';
import { readFlowRecord, saveFlowRecord } from '../../../src/core/browser/flowRecord';
import { memoryStorage } from '../fakeFlowBrowser';

function funnel(sink: (event: ConnectEvent) => void = () => {}) {
  let now = 1_000;
  const tick = (ms: number) => void (now += ms);
  return {
    funnel: new AttemptFunnel(
      'gigs',
      'popup',
      () => sink,
      () => now,
    ),
    tick,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks(); // the console spy: the next file in this worker has the real console
});

describe('AttemptFunnel', () => {
  it('times each event from the press, with a new random id per attempt', () => {
    const events: ConnectEvent[] = [];
    const run = funnel((event) => events.push(event));
    run.funnel.step('started');
    run.tick(250);
    run.funnel.step('launched');
    expect(events).toEqual([
      { type: 'started', provider: 'gigs', mode: 'popup', attemptId: run.funnel.attemptId, at: 0 },
      {
        type: 'launched',
        provider: 'gigs',
        mode: 'popup',
        attemptId: run.funnel.attemptId,
        at: 250,
      },
    ]);
    expect(run.funnel.attemptId).toMatch(/^[\w-]{16}$/);
    expect(funnel().funnel.attemptId).not.toBe(run.funnel.attemptId);
  });

  it('sends one outcome; nothing after it', () => {
    const events: ConnectEvent[] = [];
    const { funnel: attempt } = funnel((event) => events.push(event));
    attempt.outcome({ screen: 'retry', code: 'cancelled' });
    attempt.outcome({ screen: 'success', code: undefined });
    attempt.step('returned');
    expect(events.map((event) => event.type)).toEqual(['outcome']);
    expect(events[0]).toMatchObject({ screen: 'retry', code: 'cancelled' });
    expect(attempt.saw('outcome')).toBe(true);
  });

  it('is handed off once a redirect began, not before and not in a popup', () => {
    const { funnel: attempt } = funnel();
    attempt.step('provider_shown');
    expect(attempt.handedOff()).toBe(false);
    attempt.mode = 'redirect';
    expect(attempt.handedOff()).toBe(true);
  });

  it('reports a throwing handler with reportError, or console.error without it, and goes on', () => {
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported);
    const error = new Error('analytics down');
    const { funnel: attempt } = funnel(() => {
      throw error;
    });
    attempt.step('started');
    expect(reported).toHaveBeenCalledWith(error);
    vi.stubGlobal('reportError', undefined);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => attempt.outcome({ screen: 'error', code: 'timeout' })).not.toThrow();
    expect(logged).toHaveBeenCalledWith(error);
    expect(attempt.saw('outcome')).toBe(true);
  });
});

describe('returnedFunnel: the callback page goes on with a stored redirect attempt', () => {
  const stored = {
    provider: 'emerge',
    mode: 'redirect' as const,
    state: 's',
    expiresAt: Date.now() + 60_000,
    attemptId: 'attempt-1',
    startedAt: Date.now() - 5_000,
  };

  it('continues the stored attempt: same id, time from its start', () => {
    const events: ConnectEvent[] = [];
    returnedFunnel(stored, () => (event) => events.push(event))?.step('returned');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'returned', provider: 'emerge', mode: 'redirect' });
    expect(events[0]?.attemptId).toBe('attempt-1');
    expect(events[0]?.at).toBeGreaterThanOrEqual(5_000);
  });

  it('has nothing for a popup flow (its opener reports), nor a flow without an attempt', () => {
    const sink = () => undefined;
    expect(returnedFunnel({ ...stored, mode: 'popup' }, sink)).toBeUndefined();
    expect(returnedFunnel({ ...stored, attemptId: undefined }, sink)).toBeUndefined();
    expect(returnedFunnel(undefined, sink)).toBeUndefined();
  });

  it('the stored attempt survives the flow context round trip; a malformed one is refused', () => {
    const storage = memoryStorage();
    saveFlowRecord(stored, storage);
    expect(readFlowRecord(storage)).toMatchObject({ attemptId: 'attempt-1' });
    saveFlowRecord({ ...stored, startedAt: 'yesterday' as unknown as number }, storage);
    expect(readFlowRecord(storage)).toBeUndefined();
  });
});
