import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectFlow, type ConnectOptions } from '../../../src/core/flow/connectFlow';
import { gigs } from '../../../src/core/model/providers/gigs';
import { zapier } from '../../../src/core/model/providers/zapier';
import type { AnyProviderAdapter } from '../../../src/core/model/types';
import { fakeFlowBrowser } from '../fakeFlowBrowser';
import { loadFlowAttempt } from '../../../src/core/flow/attemptLoader';

const zapierLaunch = { token: 'tok_secret', app: 'SlackAPI' };
const gigsLaunch = { url: 'https://connect.gigs.com/checkout/entry?session=csn_1&token=t' };

function start<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  popup: 'open' | 'blocked' = 'open',
) {
  const fake = fakeFlowBrowser({ popup });
  const spies = { onSuccess: vi.fn(), onError: vi.fn(), onCancel: vi.fn(), onOutcome: vi.fn() };
  const flow = createConnectFlow({ ...spies, ...options }, { browser: fake.browser });
  const statuses: string[] = [];
  flow.subscribe(() => statuses.push(flow.getSnapshot().status));
  return { ...fake, flow, spies, statuses };
}

const zapierSuccess = (run: ReturnType<typeof start>, authId = 1) =>
  run.post(
    { type: 'authenticationSuccess', authId },
    'https://connect.zapier.com',
    run.popups.at(-1),
  );

// The attempt's module loaded, as useConnect does on mount: a press runs it at once
// (attemptLoader.test.ts covers a press before it has loaded).
beforeAll(() => loadFlowAttempt());

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createConnectFlow: the store', () => {
  it('starts idle and touches no browser until open()', () => {
    const fake = fakeFlowBrowser();
    const flow = createConnectFlow(
      { provider: zapier, launch: async () => zapierLaunch },
      {
        browser: fake.browser,
      },
    );
    expect(flow.getSnapshot()).toEqual({ status: 'idle', outcome: undefined });
    expect(fake.browser.openPopup).not.toHaveBeenCalled();
  });

  it('runs launching → open → success, and calls onSuccess then onOutcome once', async () => {
    const run = start({ provider: zapier, launch: async () => zapierLaunch });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    zapierSuccess(run, 42);
    expect(run.statuses).toEqual(['launching', 'open', 'success']);
    expect(run.spies.onSuccess).toHaveBeenCalledOnce();
    expect(run.spies.onSuccess.mock.calls[0]?.[0]).toMatchObject({ authenticationId: '42' });
    expect(run.spies.onOutcome).toHaveBeenCalledOnce();
    expect(run.spies.onError).not.toHaveBeenCalled();
  });

  it('a second open() focuses the open popup instead of launching again', async () => {
    const launch = vi.fn(async () => zapierLaunch);
    const run = start({ provider: zapier, launch });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    run.flow.open();
    expect(run.popups).toHaveLength(1);
    expect(run.popups[0]?.focus).toHaveBeenCalledOnce();
    expect(launch).toHaveBeenCalledOnce();
  });

  it('open() after the popup was closed or cut starts a fresh attempt with a fresh state', async () => {
    const states: string[] = [];
    const run = start({
      provider: gigs,
      launch: async ({ state }) => (states.push(state), gigsLaunch),
    });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    run.popups[0]!.closed = true;
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(run.popups).toHaveLength(2);
    expect(new Set(states).size).toBe(2);
    expect(run.spies.onCancel).not.toHaveBeenCalled();
  });

  it('close() ends the flow as cancelled: onCancel gets the cancelled outcome', async () => {
    const run = start({ provider: gigs, launch: async () => gigsLaunch });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    run.flow.close();
    expect(run.flow.getSnapshot().status).toBe('cancelled');
    expect(run.spies.onCancel.mock.calls[0]?.[0]).toMatchObject({
      screen: 'retry',
      code: 'cancelled',
    });
    expect(run.popups[0]?.closed).toBe(true);
  });

  it('errors go to onError, not onCancel', async () => {
    const run = start(
      { provider: zapier, mode: 'popup', launch: async () => zapierLaunch },
      'blocked',
    );
    run.flow.open();
    expect(run.flow.getSnapshot().status).toBe('error');
    expect(run.spies.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'popup_blocked' });
    expect(run.spies.onCancel).not.toHaveBeenCalled();
  });

  it('calls the latest callbacks passed with setOptions, once', async () => {
    const run = start({ provider: zapier, launch: async () => zapierLaunch });
    run.flow.open();
    const latest = vi.fn();
    run.flow.setOptions({ provider: zapier, launch: async () => zapierLaunch, onSuccess: latest });
    await vi.advanceTimersByTimeAsync(0);
    zapierSuccess(run);
    zapierSuccess(run);
    expect(latest).toHaveBeenCalledOnce();
    expect(run.spies.onSuccess).not.toHaveBeenCalled();
  });

  it('reset() ends a running flow silently and removes every listener and timer', async () => {
    const run = start({ provider: zapier, launch: async () => zapierLaunch });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    run.flow.reset();
    expect(run.flow.getSnapshot().status).toBe('idle');
    expect(run.listening()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(run.spies.onOutcome).not.toHaveBeenCalled();
  });

  it('open() does nothing while redirecting; back from the cache it is idle and opens again', async () => {
    const launch = vi.fn(async () => zapierLaunch);
    const run = start({ provider: zapier, mode: 'redirect', launch });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(run.flow.getSnapshot().status).toBe('redirecting');
    run.flow.open();
    expect(launch).toHaveBeenCalledOnce();
    run.restoreFromCache();
    expect(run.flow.getSnapshot().status).toBe('idle');
    run.flow.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(launch).toHaveBeenCalledTimes(2);
  });

  it('passes the default redirect URI and mode to launch', async () => {
    const launch = vi.fn(async () => zapierLaunch);
    const run = start({ provider: zapier, launch });
    run.flow.open();
    expect(launch).toHaveBeenCalledWith(
      expect.objectContaining({
        redirectUri: 'https://app.example/connect/callback',
        mode: 'popup',
      }),
    );
    expect(run.browser.openPopup).toHaveBeenCalledWith({ width: 980, height: 700 });
  });

  it('with basePath, a message success goes to the server before the popup closes', async () => {
    // The server's client loaded, as preload() does on mount.
    const { loadServerClient } = await loadFlowAttempt();
    await loadServerClient();
    const confirmed = {
      ...{ provider: 'zapier', screen: 'success', code: undefined, action: 'continue' },
      ...{ message: 'You are connected.', messageKey: 'success', reconnected: false },
      ...{ verified: true, authenticationId: '42' },
    };
    const popupAtConfirm: boolean[] = [];
    let run: ReturnType<typeof start> | undefined;
    const fetch = vi.fn(async (url: string) => {
      if (url.endsWith('/launch/zapier')) return Response.json(zapierLaunch);
      popupAtConfirm.push(run?.popups[0]?.closed ?? true);
      return Response.json({ outcome: confirmed });
    });
    vi.stubGlobal('fetch', fetch);
    try {
      run = start({ provider: zapier, basePath: '/api/connect' });
      run.flow.open();
      await vi.advanceTimersByTimeAsync(0);
      zapierSuccess(run, 42);
      // Sent in the message's task, while the popup was still open; closed right after.
      expect(fetch).toHaveBeenCalledTimes(2);
      expect(popupAtConfirm).toEqual([false]);
      expect(run.popups[0]?.closed).toBe(true);
      await vi.waitFor(() => expect(run?.spies.onSuccess).toHaveBeenCalledOnce());
      expect(run.spies.onSuccess.mock.calls[0]?.[0]).toMatchObject({ verified: true });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an attempt that cannot be made (a redirectUri URL refuses) ends as launch_failed, popup closed', () => {
    const run = start({ provider: zapier, basePath: '/api/connect', redirectUri: 'http://[' });
    run.flow.open();
    expect(run.spies.onError).toHaveBeenCalledOnce();
    expect(run.spies.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'launch_failed' });
    expect(run.popups[0]?.closed).toBe(true);
    // Not stuck: the next press opens a new popup.
    run.flow.open();
    expect(run.browser.openPopup).toHaveBeenCalledTimes(2);
  });

  it('a confirmation that comes back after reset() reaches no callback', async () => {
    let answer: (response: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/launch/zapier')
          ? Response.json(zapierLaunch)
          : new Promise<Response>((resolve) => (answer = resolve)),
      ),
    );
    try {
      const run = start({ provider: zapier, basePath: '/api/connect' });
      run.flow.open();
      await vi.advanceTimersByTimeAsync(0);
      zapierSuccess(run, 42);
      run.flow.reset();
      answer(Response.json({ outcome: { provider: 'zapier', screen: 'success', verified: true } }));
      await vi.advanceTimersByTimeAsync(50);
      expect(run.spies.onSuccess).not.toHaveBeenCalled();
      expect(run.spies.onOutcome).not.toHaveBeenCalled();
      expect(run.flow.getSnapshot()).toEqual({ status: 'idle', outcome: undefined });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
