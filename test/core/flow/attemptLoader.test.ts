// A press before the flow's lazy part (flowAttempt.ts) has loaded: the popup still opens in
// the click, the attempt runs once the module is there, and a module that does not load ends
// the attempt as launch_failed. Each test imports the store afresh (vi.resetModules), so the
// module is not loaded yet when it presses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectEvent } from '../../../src/core/browser/connectEvent';
import {
  cancelledOutcome,
  launchFailedOutcome,
  popupBlockedOutcome,
} from '../../../src/core/flow/flowFailure';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { zapier, type ZapierLaunch } from '../../../src/core/model/providers/zapier';
import type { AnyProviderAdapter } from '../../../src/core/model/types';
import { fakeFlowBrowser } from '../fakeFlowBrowser';

const zapierLaunch = { token: 'tok_secret', app: 'SlackAPI' };

/** A Zapier flow from a fresh copy of the store, whose attempt module has not loaded. */
async function freshFlow(
  settings: { mode?: 'popup' | 'auto'; launchTimeout?: number } = {},
  popup: 'open' | 'blocked' = 'open',
) {
  vi.resetModules();
  const { createConnectFlow } = await import('../../../src/core/flow/connectFlow');
  const loader = await import('../../../src/core/flow/attemptLoader');
  const fake = fakeFlowBrowser({ popup });
  const events: ConnectEvent[] = [];
  const spies = { onSuccess: vi.fn(), onError: vi.fn(), onCancel: vi.fn(), onOutcome: vi.fn() };
  const launch = vi.fn(async (): Promise<ZapierLaunch> => zapierLaunch);
  const flow = createConnectFlow(
    {
      ...{ provider: zapier, launch, onEvent: (event: ConnectEvent) => void events.push(event) },
      ...spies,
      ...settings,
    },
    { browser: fake.browser },
  );
  const statuses: string[] = [];
  flow.subscribe(() => statuses.push(flow.getSnapshot().status));
  return { ...fake, flow, spies, launch, events, statuses, loader };
}

const types = (events: ConnectEvent[]) => events.map((event) => event.type);

afterEach(() => {
  vi.doUnmock('../../../src/core/flow/flowAttempt');
  vi.resetModules();
});

describe('a press before the attempt has loaded', () => {
  it('opens the popup in the click, reads launching, then launches once the module is there', async () => {
    const run = await freshFlow();
    run.flow.open();
    // Synchronously, in the click: the popup, the funnel's start, the status.
    expect(run.popups).toHaveLength(1);
    expect(types(run.events)).toEqual(['started']);
    expect(run.flow.getSnapshot().status).toBe('launching');
    expect(run.launch).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(run.flow.getSnapshot().status).toBe('open'), { timeout: 10_000 });
    expect(run.launch).toHaveBeenCalledOnce();
    expect(run.popups[0]?.navigatedTo).toMatch(/^https:\/\/connect\.zapier\.com\//);
    run.post(
      { type: 'authenticationSuccess', authId: 7 },
      'https://connect.zapier.com',
      run.popups[0],
    );
    expect(run.spies.onSuccess).toHaveBeenCalledOnce();
    expect(types(run.events)).toEqual([
      'started',
      'launched',
      'provider_shown',
      'returned',
      'outcome',
    ]);
  });

  it('a second press while loading focuses the same popup and opens no other', async () => {
    const run = await freshFlow();
    run.flow.open();
    run.flow.open();
    expect(run.popups).toHaveLength(1);
    expect(run.popups[0]?.focus).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(run.launch).toHaveBeenCalledOnce(), { timeout: 10_000 });
  });

  it('reset() while loading closes the popup at once, and nothing launches after the load', async () => {
    const run = await freshFlow();
    run.flow.open();
    run.flow.reset();
    expect(run.popups[0]?.closed).toBe(true);
    expect(run.flow.getSnapshot()).toEqual({ status: 'idle', outcome: undefined });
    expect(run.events.at(-1)).toMatchObject({ type: 'outcome', code: 'cancelled' });
    await run.loader.loadFlowAttempt();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(run.launch).not.toHaveBeenCalled();
    expect(run.spies.onOutcome).not.toHaveBeenCalled();
  });

  it('close() while loading ends as cancelled at once: popup closed, nothing launches', async () => {
    const run = await freshFlow();
    run.flow.open();
    run.flow.close();
    expect(run.spies.onCancel).toHaveBeenCalledOnce();
    expect(run.spies.onCancel.mock.calls[0]?.[0]).toEqual(cancelledOutcome(zapier));
    expect(run.flow.getSnapshot().status).toBe('cancelled');
    expect(run.popups[0]?.closed).toBe(true);
    expect(types(run.events)).toEqual(['started', 'outcome']);
    await run.loader.loadFlowAttempt();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(run.launch).not.toHaveBeenCalled();
    expect(run.spies.onOutcome).toHaveBeenCalledOnce();
  });

  it('a blocked popup in popup mode is popup_blocked at once, without waiting for the module', async () => {
    const run = await freshFlow({ mode: 'popup' }, 'blocked');
    run.flow.open();
    expect(run.spies.onError).toHaveBeenCalledOnce();
    expect(run.spies.onError.mock.calls[0]?.[0]).toEqual(popupBlockedOutcome(zapier));
    expect(run.flow.getSnapshot().status).toBe('error');
    expect(types(run.events)).toEqual(['started', 'popup_blocked', 'outcome']);
    // A fresh gesture starts again: nothing running swallows it.
    run.flow.open();
    expect(run.browser.openPopup).toHaveBeenCalledTimes(2);
  });

  it('a module that takes longer than the launch limit ends as launch_failed, popup closed', async () => {
    vi.doMock('../../../src/core/flow/flowAttempt', () => new Promise(() => {}));
    const run = await freshFlow({ launchTimeout: 300 });
    run.flow.open();
    await vi.waitFor(() => expect(run.spies.onError).toHaveBeenCalledOnce(), { timeout: 5000 });
    expect(run.spies.onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'launch_failed',
      hint: 'launch timed out',
    });
    expect(run.popups[0]?.closed).toBe(true);
    expect(types(run.events)).toEqual(['started', 'launch_failed', 'outcome']);
  });

  it("the attempt keeps its press's options: a setOptions before the module loads", async () => {
    const run = await freshFlow();
    run.flow.open();
    const later = vi.fn(async (): Promise<ZapierLaunch> => zapierLaunch);
    run.flow.setOptions({ provider: zapier, launch: later });
    await vi.waitFor(() => expect(run.launch).toHaveBeenCalledOnce(), { timeout: 10_000 });
    expect(later).not.toHaveBeenCalled();
  });

  it('a module that does not load ends the attempt as launch_failed, popup closed', async () => {
    vi.doMock('../../../src/core/flow/flowAttempt', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const run = await freshFlow();
    run.flow.open();
    await vi.waitFor(() => expect(run.spies.onError).toHaveBeenCalledOnce(), { timeout: 10_000 });
    const outcome = run.spies.onError.mock.calls[0]?.[0];
    expect(outcome).toMatchObject({ screen: 'error', code: 'launch_failed', provider: 'zapier' });
    // The load's error, as vitest reports a failing mock: a developer's hint, never shown.
    expect(outcome.hint).toMatch(/error when mocking a module/);
    expect(run.flow.getSnapshot().status).toBe('error');
    expect(run.popups[0]?.closed).toBe(true);
    expect(run.launch).not.toHaveBeenCalled();
    expect(types(run.events)).toEqual(['started', 'launch_failed', 'outcome']);
    // The next press loads again.
    vi.doUnmock('../../../src/core/flow/flowAttempt');
    await expect(run.loader.loadFlowAttempt()).resolves.toHaveProperty('FlowAttempt');
  });
});

describe('preload()', () => {
  it('loads the attempt ahead of the press, so the launch starts in the click', async () => {
    // The module, as loaded: the test hears when its import is done, and starts none itself.
    const imported = vi.fn();
    vi.doMock('../../../src/core/flow/flowAttempt', async (importOriginal) => {
      const module = await importOriginal();
      imported();
      return module;
    });
    const run = await freshFlow();
    run.flow.preload();
    await vi.waitFor(() => expect(imported).toHaveBeenCalledOnce(), { timeout: 10_000 });
    run.flow.open();
    expect(run.launch).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(run.flow.getSnapshot().status).toBe('open'), { timeout: 10_000 });
    expect(run.statuses).not.toContain('cancelled');
  });
});

describe('startOutcome: the outcomes of a press before its module, as flowFailure makes them', () => {
  beforeEach(() => vi.resetModules());

  const withOwnText: AnyProviderAdapter = {
    ...zapier,
    messages: {
      ...zapier.messages,
      launch_failed: 'Zapier could not start.',
      cancelled: 'Closed.',
      popup_blocked: 'Blocked.',
    },
  };
  it.each([zapier, gigs, emerge, withOwnText])('for $id', async (adapter) => {
    const { startOutcome } = await import('../../../src/core/flow/attemptLoader');
    const reason = new Error('chunk gone');
    expect(startOutcome(adapter, 'launch_failed', reason)).toEqual(
      launchFailedOutcome(adapter, reason),
    );
    expect(startOutcome(adapter, 'launch_failed', 'text')).toEqual(
      launchFailedOutcome(adapter, 'text'),
    );
    expect(startOutcome(adapter, 'cancelled')).toEqual(cancelledOutcome(adapter));
    expect(startOutcome(adapter, 'popup_blocked')).toEqual(popupBlockedOutcome(adapter));
  });
});
