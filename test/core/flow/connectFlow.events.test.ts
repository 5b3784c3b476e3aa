import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectFlow, type ConnectOptions } from '../../../src/core/flow/connectFlow';
import type { ConnectEvent } from '../../../src/core/browser/connectEvent';
import { CallbackPage, type CallbackBrowser } from '../../../src/core/page/callbackPage';
import { readFlowRecord } from '../../../src/core/browser/flowRecord';
import { sealPayload } from '../../../src/core/browser/relaySeal';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { builtInProviders } from '../../../src/core/model/providers/index';
import { zapier } from '../../../src/core/model/providers/zapier';
import type { AnyProviderAdapter, LaunchContext } from '../../../src/core/model/types';
import { appOrigin, fakeFlowBrowser } from '../fakeFlowBrowser';
// The flow loads the relay listener with import(); loading it here first keeps that import
// quick on a loaded machine (the tests still wait for the popup to be sent before relaying).
import '../../../src/core/flow/relayListener';
import { loadFlowAttempt } from '../../../src/core/flow/attemptLoader';

// Every secret a scenario uses: no event may carry one (see the last test).
const zapierToken = 'tok_secret_zapier';
const gigsToken = 't_secret_gigs';
const uid = 'psub_d4e5f6789012345678901234abcdef01';
const zapierLaunch = { token: zapierToken, app: 'SlackAPI', baseUrl: 'https://connect.zapier.com' };
const gigsLaunch = {
  url: `https://connect.gigs.com/checkout/entry?session=csn_1&token=${gigsToken}`,
};
const emergeLaunch = { url: 'https://link.emergedata.ai/link/start?signature=sig_secret' };

/** One flow with `onEvent` recorded, and the states its launches were given. */
function connect(
  provider: AnyProviderAdapter,
  launchValue: unknown,
  options: Partial<Omit<ConnectOptions, 'launch'>> & {
    launch?: ((context: LaunchContext) => Promise<unknown>) | undefined;
  } = {},
  popup: 'open' | 'blocked' = 'open',
) {
  const fake = fakeFlowBrowser({ popup });
  const events: ConnectEvent[] = [];
  const states: string[] = [];
  const launch = async ({ state }: { state: string }) => (states.push(state), launchValue);
  const flow = createConnectFlow(
    { provider, launch, onEvent: (event) => events.push(event), ...options } as ConnectOptions,
    { browser: fake.browser },
  );
  const types = () => events.map((event) => event.type);
  return { ...fake, flow, events, states, types };
}
type Run = ReturnType<typeof connect>;

const settle = () => vi.advanceTimersByTimeAsync(0);
const lastOutcome = (run: Run) => run.events.filter((event) => event.type === 'outcome');

/** The callback page, in the document the redirect returns to (same tab, same storage). */
function callbackPage(run: Run, query: string) {
  const events: ConnectEvent[] = [];
  const browser: CallbackBrowser = {
    href: () => `${appOrigin}/connect/callback?${query}`,
    historyState: () => null,
    replaceHistory: () => {},
    storage: run.browser.storage,
    closeWindow: () => {},
    relayWindow: {
      location: { origin: appOrigin },
      opener: null,
      addEventListener: () => {},
      removeEventListener: () => {},
    },
    after: () => {},
    fetchResult: async () => undefined,
  };
  const page = new CallbackPage({ providers: builtInProviders }, () => browser);
  page.settle(() => ({ onEvent: (event) => events.push(event) }));
  return events;
}

async function sealedRelay(run: Run, params: Record<string, string>) {
  const { flowId = '', relayKey = '' } = readFlowRecord(run.popups[0]?.sessionStorage) ?? {};
  const sealed = await sealPayload({ provider: 'gigs', params, sentAt: Date.now() }, relayKey);
  return { type: 'rcf:callback', flowId, ...sealed };
}

// Each scenario runs a flow to its end and returns it; the tests below check its events.
const scenarios = {
  async zapierPopupSuccess() {
    const run = connect(zapier, zapierLaunch);
    run.flow.open();
    await settle();
    await vi.advanceTimersByTimeAsync(500);
    const data = { type: 'authenticationSuccess', authId: 42 };
    run.post(data, 'https://connect.zapier.com', run.popups[0]);
    return run;
  },
  async gigsPopupRelay() {
    const run = connect(gigs, gigsLaunch);
    run.flow.open();
    // The relay listener loads with import(): the popup navigates once it listens.
    await vi.waitFor(() => expect(run.types()).toContain('provider_shown'), { timeout: 10_000 });
    run.broadcast(await sealedRelay(run, { session_id: 'csn_1', status: 'success' }));
    await vi.waitFor(() => expect(lastOutcome(run)).toHaveLength(1));
    return run;
  },
  async zapierPopupClosed() {
    const run = connect(zapier, zapierLaunch);
    run.flow.open();
    await settle();
    run.popups[0]!.closed = true;
    await vi.advanceTimersByTimeAsync(300);
    return run;
  },
  async popupBlocked() {
    const run = connect(zapier, zapierLaunch, { mode: 'popup' }, 'blocked');
    run.flow.open();
    await settle();
    return run;
  },
  async launchRejected() {
    const run = connect(zapier, undefined, {
      launch: () => Promise.reject(new Error('backend down')),
    });
    run.flow.open();
    await settle();
    return run;
  },
  async unsafeLaunchUrl() {
    const run = connect(gigs, { url: 'javascript:alert(1)' });
    run.flow.open();
    await settle();
    return run;
  },
  async gigsRedirect() {
    const run = connect(gigs, gigsLaunch, { mode: 'redirect' });
    run.flow.open();
    await settle();
    await vi.advanceTimersByTimeAsync(2000);
    const page = callbackPage(run, 'session_id=csn_1&status=success');
    return { ...run, page };
  },
  async emergeBlockedThenRedirect() {
    const run = connect(emerge, emergeLaunch, { mode: 'auto' }, 'blocked');
    run.flow.open();
    await settle();
    const query = `status=success&state=${run.states[0]}&uid=${uid}`;
    const page = callbackPage(run, query);
    return { ...run, page };
  },
};

// The attempt's module loaded, as useConnect does on mount: a press runs it at once
// (attemptLoader.test.ts covers a press before it has loaded).
beforeAll(() => loadFlowAttempt());

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('onEvent: each path in order', () => {
  it('popup, Zapier postMessage: started, launched, provider_shown, returned, outcome', async () => {
    const run = await scenarios.zapierPopupSuccess();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'returned', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ screen: 'success', code: undefined });
    expect(run.events.every((event) => event.mode === 'popup' && event.provider === 'zapier')).toBe(
      true,
    );
    expect(new Set(run.events.map((event) => event.attemptId)).size).toBe(1);
    expect(run.events[0]?.at).toBe(0);
    expect(run.events.at(-1)?.at).toBeGreaterThanOrEqual(500);
  });

  it('popup, relay over BroadcastChannel: returned, then the success', async () => {
    const run = await scenarios.gigsPopupRelay();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'returned', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ screen: 'success', provider: 'gigs' });
  });

  it('popup closed by the user: no returned, one cancelled outcome; close() adds nothing', async () => {
    const run = await scenarios.zapierPopupClosed();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ screen: 'retry', code: 'cancelled' });
    run.flow.close();
    run.flow.reset();
    expect(run.events).toHaveLength(4);
  });

  it('close() while open: one cancelled outcome, however often it is called', async () => {
    const run = connect(zapier, zapierLaunch);
    run.flow.open();
    await settle();
    run.flow.close();
    run.flow.close();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ code: 'cancelled' });
  });

  it('blocked popup in popup mode: started, popup_blocked, outcome popup_blocked', async () => {
    const run = await scenarios.popupBlocked();
    expect(run.types()).toEqual(['started', 'popup_blocked', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ screen: 'error', code: 'popup_blocked' });
  });

  it('a launch that rejects, or gives an unsafe URL: launch_failed, then the outcome', async () => {
    for (const run of [await scenarios.launchRejected(), await scenarios.unsafeLaunchUrl()]) {
      expect(run.types()).toEqual(['started', 'launch_failed', 'outcome']);
      expect(run.events.at(-1)).toMatchObject({ screen: 'error', code: 'launch_failed' });
    }
  });

  it('a popup that cannot be navigated: launched, then the launch_failed outcome only', async () => {
    const run = connect(zapier, zapierLaunch);
    run.flow.open();
    Object.defineProperty(run.popups[0]!.location, 'href', {
      set: () => {
        throw new Error('navigation refused');
      },
    });
    await settle();
    expect(run.types()).toEqual(['started', 'launched', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ code: 'launch_failed' });
  });

  it('a launch slower than launchTimeout: launch_failed; its late answer adds nothing', async () => {
    let answer: (value: unknown) => void = () => {};
    const run = connect(zapier, undefined, {
      launch: () => new Promise<unknown>((resolve) => (answer = resolve)),
      launchTimeout: 1000,
    });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(1200);
    answer(zapierLaunch);
    await settle();
    expect(run.types()).toEqual(['started', 'launch_failed', 'outcome']);
  });

  it('redirect: started..provider_shown here; returned and outcome on the callback page', async () => {
    const run = await scenarios.gigsRedirect();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown']);
    expect(run.page.map((event) => event.type)).toEqual(['returned', 'outcome']);
    expect(run.page.at(-1)).toMatchObject({ screen: 'success', code: undefined, provider: 'gigs' });
    const all = [...run.events, ...run.page];
    expect(all.every((event) => event.mode === 'redirect')).toBe(true);
    expect(new Set(all.map((event) => event.attemptId)).size).toBe(1);
    // The callback document times its events from the stored start.
    expect(run.page[0]?.at).toBeGreaterThanOrEqual(2000);
  });

  it('a reload of the callback page reports nothing again', async () => {
    const run = await scenarios.gigsRedirect();
    expect(callbackPage(run, 'session_id=csn_1&status=success')).toEqual([]);
  });

  it('blocked in auto mode: popup_blocked, then the redirect carries the same attempt', async () => {
    const run = await scenarios.emergeBlockedThenRedirect();
    expect(run.events.map(({ type, mode }) => `${type}:${mode}`)).toEqual([
      'started:popup',
      'popup_blocked:popup',
      'launched:redirect',
      'provider_shown:redirect',
    ]);
    expect(run.page.map((event) => event.type)).toEqual(['returned', 'outcome']);
    expect(run.page[0]?.attemptId).toBe(run.events[0]?.attemptId);
    expect(run.page.at(-1)).toMatchObject({ screen: 'success', provider: 'emerge' });
  });

  it('Back from the provider (back-forward cache): the redirect attempt ends cancelled', async () => {
    const run = connect(gigs, gigsLaunch, { mode: 'redirect' });
    run.flow.open();
    await settle();
    run.restoreFromCache();
    run.flow.reset();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ code: 'cancelled' });
  });

  it('a reset() once the redirect began reports no outcome: the callback page will', async () => {
    const run = connect(gigs, gigsLaunch, { mode: 'redirect' });
    run.flow.open();
    await settle();
    run.flow.reset();
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown']);
  });

  it('a new press after the popup was closed: the old attempt ends, the new one has a new id', async () => {
    const run = connect(gigs, gigsLaunch);
    run.flow.open();
    await settle();
    run.popups[0]!.closed = true;
    run.flow.open();
    await settle();
    const [first, second] = [0, 4].map((index) => run.events[index]?.attemptId);
    expect(run.types()).toEqual([
      ...['started', 'launched', 'provider_shown', 'outcome'],
      ...['started', 'launched', 'provider_shown'],
    ]);
    expect(run.events[3]).toMatchObject({ attemptId: first, code: 'cancelled' });
    expect(second).not.toBe(first);
  });

  it('reset() while launching ends the attempt with one cancelled outcome', () => {
    const run = connect(zapier, undefined, { launch: () => new Promise(() => {}) });
    run.flow.open();
    run.flow.reset();
    run.flow.reset();
    expect(run.types()).toEqual(['started', 'outcome']);
  });

  it('the time limit: outcome timeout, without returned', async () => {
    const run = connect(zapier, zapierLaunch, { timeout: 1000 });
    run.flow.open();
    await vi.advanceTimersByTimeAsync(1200);
    expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'outcome']);
    expect(run.events.at(-1)).toMatchObject({ screen: 'retry', code: 'timeout' });
  });

  it('with basePath the outcome waits for the server confirmation', async () => {
    const verified = {
      provider: 'zapier',
      screen: 'success',
      code: undefined,
      message: 'You are connected.',
      messageKey: 'success',
      action: 'continue',
      reconnected: false,
      verified: true,
      authenticationId: '42',
    };
    let confirm: (response: Response) => void = () => {};
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/launch/zapier')
        ? Response.json(zapierLaunch)
        : new Promise<Response>((resolve) => (confirm = resolve)),
    );
    vi.stubGlobal('fetch', fetch);
    try {
      const run = connect(zapier, undefined, { launch: undefined, basePath: '/api/connect' });
      run.flow.open();
      await settle();
      run.post(
        { type: 'authenticationSuccess', authId: 42 },
        'https://connect.zapier.com',
        run.popups[0],
      );
      expect(run.types()).toEqual(['started', 'launched', 'provider_shown', 'returned']);
      run.flow.close();
      // The confirmation is sent once the server's client has loaded (an import()).
      await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
      confirm(Response.json({ outcome: verified }));
      await vi.waitFor(() => expect(lastOutcome(run)).toHaveLength(1));
      expect(run.events.at(-1)).toMatchObject({ type: 'outcome', screen: 'success' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('onEvent: the app’s handler cannot break the flow', () => {
  it('a throwing onEvent is reported; the flow still succeeds and calls onSuccess', async () => {
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported);
    try {
      const onSuccess = vi.fn();
      const run = connect(zapier, zapierLaunch, {
        onSuccess,
        onEvent: () => {
          throw new Error('analytics down');
        },
      });
      run.flow.open();
      await settle();
      run.post(
        { type: 'authenticationSuccess', authId: 7 },
        'https://connect.zapier.com',
        run.popups[0],
      );
      expect(run.flow.getSnapshot().status).toBe('success');
      expect(onSuccess).toHaveBeenCalledOnce();
      expect(reported).toHaveBeenCalledTimes(5);
      expect(reported.mock.calls[0]?.[0]).toMatchObject({ message: 'analytics down' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the app’s outcome callbacks cannot break each other', () => {
  it('a throwing onSuccess is reported; onOutcome and the funnel’s outcome still come', async () => {
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported);
    try {
      const failure = new Error('app bug');
      const onOutcome = vi.fn();
      const run = connect(zapier, zapierLaunch, {
        onSuccess: () => {
          throw failure;
        },
        onOutcome,
      });
      run.flow.open();
      await settle();
      run.post(
        { type: 'authenticationSuccess', authId: 7 },
        'https://connect.zapier.com',
        run.popups[0],
      );
      expect(run.flow.getSnapshot().status).toBe('success');
      expect(onOutcome).toHaveBeenCalledOnce();
      expect(reported).toHaveBeenCalledExactlyOnceWith(failure);
      expect(run.events.at(-1)).toMatchObject({ type: 'outcome', screen: 'success' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('onEvent: privacy', () => {
  it('no event of any scenario carries a state, token, uid, URL or path', async () => {
    const runs: (Run & { page?: ConnectEvent[] })[] = [];
    for (const scenario of Object.values(scenarios)) runs.push(await scenario());
    const events = runs.flatMap((run) => [...run.events, ...(run.page ?? [])]);
    expect(events.length).toBeGreaterThan(30);
    const secrets = [
      zapierToken,
      gigsToken,
      'sig_secret',
      uid,
      'csn_1',
      ...runs.flatMap((run) => run.states),
    ];
    for (const run of runs) {
      const stored = readFlowRecord(run.popups[0]?.sessionStorage);
      secrets.push(...[stored?.flowId, stored?.relayKey].filter((value) => value !== undefined));
    }
    const text = JSON.stringify(events);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(
        event.type === 'outcome'
          ? ['at', 'attemptId', 'code', 'mode', 'provider', 'screen', 'type']
          : ['at', 'attemptId', 'mode', 'provider', 'type'],
      );
      // Nothing that could be a URL, a path or an address: words, ids and numbers only.
      for (const value of Object.values(event)) {
        if (value !== undefined) expect(String(value)).toMatch(/^[\w-]+$/);
      }
    }
  });
});
