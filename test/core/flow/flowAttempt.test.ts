import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowAttempt } from '../../../src/core/flow/flowAttempt';
import { startAttempt as beginAttempt } from '../../../src/core/flow/attemptStart';
import type { AttemptSettings } from '../../../src/core/flow/connectOptions';
import { readFlowRecord } from '../../../src/core/browser/flowRecord';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { zapier } from '../../../src/core/model/providers/zapier';
import { isRelayAck, type RelayMessage } from '../../../src/core/browser/relay';
import { sealPayload } from '../../../src/core/browser/relaySeal';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import type { AnyProviderAdapter, ConnectOutcome } from '../../../src/core/model/types';
import { appOrigin, fakeFlowBrowser } from '../fakeFlowBrowser';
// The flow loads the relay listener with import(); loading it here first keeps that import
// quick on a loaded machine (the tests still wait for the popup to be sent before relaying).
import '../../../src/core/flow/relayListener';

const settings: AttemptSettings = {
  mode: 'popup',
  redirectUri: `${appOrigin}/connect/callback`,
  timeout: 600_000,
  launchTimeout: 30_000,
  closeDetection: true,
  popupSize: { width: 980, height: 700 },
};
const zapierLaunch = {
  token: 'tok_secret',
  app: 'SlackAPI',
  baseUrl: 'https://connect.zapier.com',
};
const gigsLaunch = { url: 'https://connect.gigs.com/checkout/entry?session=csn_1&token=t_secret' };
const emergeLaunch = { url: 'https://link.emergedata.ai/link/start?state=s&signature=x' };

function startAttempt(
  adapter: AnyProviderAdapter,
  launch: () => Promise<unknown>,
  overrides: Partial<AttemptSettings> = {},
  popup: 'open' | 'blocked' | 'closed' = 'open',
) {
  const fake = fakeFlowBrowser({ popup });
  const outcomes: ConnectOutcome[] = [];
  const running: string[] = [];
  const abandoned = vi.fn();
  const attemptSettings: AttemptSettings = { ...settings, ...overrides };
  // The press (the popup opens in it), then the rest of the attempt.
  const start = beginAttempt(adapter, fake.browser, attemptSettings, () => undefined);
  const attempt = new FlowAttempt(
    adapter,
    fake.browser,
    attemptSettings,
    {
      launch: vi.fn(launch),
      onRunning: (status) => void running.push(status),
      onOutcome: (outcome) => void outcomes.push(outcome),
      onAbandoned: abandoned,
    },
    start,
  );
  attempt.run();
  // The flow as the callback page will read it: the popup's copy, or this tab's after a redirect.
  const context = () => readFlowRecord(fake.popups[0]?.sessionStorage ?? fake.browser.storage);
  return { ...fake, attempt, outcomes, running, abandoned, context };
}

/** Our callback page in the popup relays the callback, sealed with the flow's key. */
async function sealedRelay(flowId: string, relayKey: string, provider: string, params: object) {
  const payload = { provider, params: params as Record<string, string>, sentAt: Date.now() };
  const sealed = await sealPayload(payload, relayKey);
  return { type: 'rcf:callback', flowId, ...sealed } satisfies RelayMessage;
}

/**
 * The text with one base64url character changed, in the middle: always other bytes. (Ending it
 * with `AA` was no change at all when it already ended so, about once in a few hundred runs.)
 */
const flipCharacter = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

const settle = () => vi.advanceTimersByTimeAsync(0);
/** The relay listener loads with `import()`: wait until it listens and the popup has navigated. */
const listening = (run: { running: string[] }) =>
  vi.waitFor(
    () => {
      if (!run.running.includes('open')) throw new Error('not listening yet');
    },
    { timeout: 10_000 },
  );
/** Sealing and opening run in WebCrypto, off the fake clock: wait for the outcome. */
const outcomeOf = (run: { outcomes: ConnectOutcome[] }) =>
  vi.waitFor(() => {
    if (!run.outcomes[0]) throw new Error('no outcome yet');
    return run.outcomes[0];
  });

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks(); // the console spies: the next file in this worker has the real console
});

describe('FlowAttempt: the popup', () => {
  it('opens the popup synchronously, before launch resolves, with the flow context saved first', () => {
    const run = startAttempt(zapier, () => new Promise(() => {}));
    expect(run.browser.openPopup).toHaveBeenCalledWith({ width: 980, height: 700 });
    expect(run.popups).toHaveLength(1);
    expect(run.context()).toMatchObject({ provider: 'zapier', mode: 'popup' });
    // This tab keeps its own copy only until the popup was sent (openerCopy.test.ts).
    expect(run.context()?.state).toMatch(/^[\w-]{43}$/);
    expect(run.running).toEqual(['launching']);
  });

  it('navigates the popup to the launch URL once launch resolves, carrying our state', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    const { state } = run.context() ?? {};
    await settle();
    const url = new URL(run.popups[0]?.navigatedTo ?? '');
    expect(url.origin + url.pathname).toBe('https://connect.zapier.com/to/SlackAPI');
    expect(url.searchParams.get('state')).toBe(state);
    expect(run.running).toEqual(['launching', 'open']);
  });

  it('navigates the popup by setting location.href, once (WebKit: a Referer only that way)', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    await settle();
    expect(run.popups[0]?.navigate).toHaveBeenCalledTimes(1);
    expect(run.outcomes).toEqual([]);
  });

  it('a blocked popup in popup mode is popup_blocked, with no launch', () => {
    const run = startAttempt(zapier, async () => zapierLaunch, {}, 'blocked');
    expect(run.outcomes[0]).toMatchObject({ screen: 'error', code: 'popup_blocked' });
    expect(run.outcomes[0]?.message).toBe(sharedMessages.popup_blocked);
  });

  it('a popup handed back already closed counts as blocked', () => {
    const run = startAttempt(zapier, async () => zapierLaunch, {}, 'closed');
    expect(run.outcomes[0]?.code).toBe('popup_blocked');
  });
});

describe('FlowAttempt: launch', () => {
  it('a rejected launch is launch_failed with the reason; the popup closes', async () => {
    const run = startAttempt(zapier, async () => Promise.reject(new Error('backend down')));
    await settle();
    expect(run.outcomes[0]).toMatchObject({ code: 'launch_failed', hint: 'backend down' });
    expect(run.popups[0]?.closed).toBe(true);
    expect(run.listening()).toBe(0);
  });

  it('a launch slower than launchTimeout is launch_failed; its late result is ignored', async () => {
    let resolve: (value: unknown) => void = () => {};
    const run = startAttempt(zapier, () => new Promise((done) => (resolve = done)), {
      launchTimeout: 1000,
    });
    await vi.advanceTimersByTimeAsync(1200);
    expect(run.outcomes.map((outcome) => outcome.code)).toEqual(['launch_failed']);
    resolve(zapierLaunch);
    await settle();
    expect(run.outcomes).toHaveLength(1);
    expect(run.popups[0]?.navigatedTo).toBeUndefined();
  });

  it.each([
    ['javascript:alert(document.domain)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['http://evil.example/connect'],
    ['not a url'],
  ])('never opens an unsafe launch URL (%s): launch_failed at once', async (url) => {
    const run = startAttempt(gigs, async () => ({ url }));
    await settle();
    expect(run.outcomes[0]?.code).toBe('launch_failed');
    expect(run.popups[0]?.navigate).not.toHaveBeenCalled();
    expect(run.popups[0]?.closed).toBe(true);
  });

  it('an unsafe URL in redirect mode is never navigated to, and nothing stays stored', async () => {
    const run = startAttempt(gigs, async () => ({ url: 'javascript:alert(1)' }), {
      mode: 'redirect',
    });
    await settle();
    expect(run.browser.navigate).not.toHaveBeenCalled();
    expect(run.outcomes[0]?.code).toBe('launch_failed');
    expect(run.context()).toBeUndefined();
  });

  it('a navigation that throws ends the flow at once as launch_failed', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    run.popups[0]?.navigate.mockImplementation(() => {
      throw new Error('navigation refused');
    });
    await settle();
    expect(run.outcomes[0]).toMatchObject({ code: 'launch_failed', hint: 'navigation refused' });
  });

  it('never logs, stores or reports the launch URL or token', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const run = startAttempt(gigs, async () => gigsLaunch, { mode: 'redirect' });
    await settle();
    const failed = startAttempt(gigs, async () => Promise.reject(new Error('no')));
    await settle();
    const stored = JSON.stringify([run.context(), failed.outcomes]);
    expect(stored).not.toContain('t_secret');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('FlowAttempt: provider messages (Zapier)', () => {
  it('accepts a result only from the Connect origin and the popup we opened', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    await settle();
    const message = { type: 'authenticationSuccess', authId: 12345 };
    run.post(message, 'https://evil.example', run.popups[0]);
    run.post(message, 'https://connect.zapier.com', {});
    expect(run.outcomes).toHaveLength(0);
    run.post(message, 'https://connect.zapier.com', run.popups[0]);
    expect(run.outcomes[0]).toMatchObject({ screen: 'success', authenticationId: '12345' });
    expect(run.popups[0]?.closed).toBe(true);
  });

  it('a message that echoes another state is invalid_state', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    await settle();
    const message = { type: 'authenticationSuccess', authId: 1, state: 'forged' };
    run.post(message, 'https://connect.zapier.com', run.popups[0]);
    expect(run.outcomes[0]?.code).toBe('invalid_state');
  });

  it('marks a reconnect from the launch', async () => {
    const run = startAttempt(zapier, async () => ({ ...zapierLaunch, reconnectId: '77' }));
    await settle();
    run.post(
      { type: 'authenticationSuccess', authId: 77 },
      'https://connect.zapier.com',
      run.popups[0],
    );
    expect(run.outcomes[0]).toMatchObject({ screen: 'success', reconnected: true });
  });

  it('never listens for relays: only the provider message counts', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    await settle();
    expect(run.channelPosts).toHaveLength(0);
    run.broadcast({ type: 'rcf:callback', flowId: run.context()?.flowId, iv: '', sealed: '' });
    await settle();
    expect(run.outcomes).toHaveLength(0);
  });
});

describe('FlowAttempt: relayed callbacks (Gigs, Emerge)', () => {
  it('Gigs: a sealed relay over the channel is decided with the launched session id', async () => {
    const run = startAttempt(gigs, async () => gigsLaunch);
    await listening(run);
    const { flowId = '', relayKey = '' } = run.context() ?? {};
    run.broadcast(
      await sealedRelay(flowId, relayKey, 'gigs', { session_id: 'csn_1', status: 'success' }),
    );
    expect(await outcomeOf(run)).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
    // The receipt names the flow and says what was decided, without the ids.
    const ack = run.channelPosts[0];
    expect(isRelayAck(ack, flowId)).toBe(true);
    expect(JSON.stringify(ack)).not.toContain('csn_1');
  });

  it('Gigs: our popup relaying another session is session_mismatch', async () => {
    const run = startAttempt(gigs, async () => gigsLaunch);
    await listening(run);
    const { flowId = '', relayKey = '' } = run.context() ?? {};
    const relay = await sealedRelay(flowId, relayKey, 'gigs', {
      session_id: 'csn_x',
      status: 'success',
    });
    run.post(relay, appOrigin, run.popups[0]);
    expect((await outcomeOf(run)).code).toBe('session_mismatch');
  });

  it("ignores another flow's relay, a relay sealed with another key, and a tampered one", async () => {
    const run = startAttempt(gigs, async () => gigsLaunch);
    await listening(run);
    const { flowId = '', relayKey = '' } = run.context() ?? {};
    const params = { session_id: 'csn_1', status: 'success' };
    const other = await sealedRelay('another-flow', relayKey, 'gigs', params);
    const wrongKey = await sealedRelay(flowId, 'A'.repeat(43), 'gigs', params);
    const sealed = await sealedRelay(flowId, relayKey, 'gigs', params);
    const tampered = { ...sealed, sealed: flipCharacter(sealed.sealed, 12) };
    for (const relay of [other, wrongKey, tampered]) run.broadcast(relay);
    // Then this flow's own relay, with another status: the only one that may count.
    const aborted = { session_id: 'csn_1', status: 'user_aborted' };
    run.broadcast(await sealedRelay(flowId, relayKey, 'gigs', aborted));
    expect((await outcomeOf(run)).code).toBe('user_aborted');
    expect(run.outcomes).toHaveLength(1);
  });

  it('Emerge: a window relay counts only from our origin and our popup, with our state', async () => {
    const run = startAttempt(emerge, async () => emergeLaunch);
    await listening(run);
    const { flowId = '', relayKey = '', state } = run.context() ?? {};
    const params = { status: 'success', state, uid: 'psub_1' };
    const relay = await sealedRelay(flowId, relayKey, 'emerge', params);
    run.post(relay, 'https://evil.example', run.popups[0]);
    run.post(relay, appOrigin, {});
    await vi.advanceTimersByTimeAsync(50);
    expect(run.outcomes).toHaveLength(0);
    run.post(relay, appOrigin, run.popups[0]);
    expect(await outcomeOf(run)).toMatchObject({ screen: 'success', uid: 'psub_1' });
    // The receipt goes back to our popup with this exact origin, never "*".
    expect(run.popups[0]?.postMessage).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'rcf:ack', flowId }),
      appOrigin,
    );
  });

  it('Emerge: our popup relaying a wrong state is invalid_state, never a success', async () => {
    const run = startAttempt(emerge, async () => emergeLaunch);
    await listening(run);
    const { flowId = '', relayKey = '' } = run.context() ?? {};
    const params = { status: 'success', state: 'forged', uid: 'psub_1' };
    run.broadcast(await sealedRelay(flowId, relayKey, 'emerge', params));
    expect((await outcomeOf(run)).code).toBe('invalid_state');
  });
});

describe('FlowAttempt: watching the popup', () => {
  it('the user closing the provider page is cancelled within two ticks', async () => {
    const run = startAttempt(gigs, async () => gigsLaunch);
    await settle();
    run.popups[0]?.commit();
    await vi.advanceTimersByTimeAsync(1200);
    run.popups[0]?.close();
    await vi.advanceTimersByTimeAsync(200);
    expect(run.outcomes[0]).toMatchObject({ screen: 'retry', code: 'cancelled' });
  });

  it('a handle that reads closed right after navigating (COOP) is not a cancel: the relay still counts', async () => {
    const run = startAttempt(gigs, async () => gigsLaunch);
    await listening(run);
    run.popups[0]!.closed = true;
    await vi.advanceTimersByTimeAsync(5000);
    expect(run.outcomes).toHaveLength(0);
    const { flowId = '', relayKey = '' } = run.context() ?? {};
    run.broadcast(
      await sealedRelay(flowId, relayKey, 'gigs', { session_id: 'csn_1', status: 'user_aborted' }),
    );
    expect(await outcomeOf(run)).toMatchObject({ screen: 'retry', code: 'user_aborted' });
  });

  it('a severed flow ends by the time limit', async () => {
    const run = startAttempt(gigs, async () => gigsLaunch, { timeout: 3000 });
    await settle();
    run.popups[0]!.closed = true;
    await vi.advanceTimersByTimeAsync(3200);
    expect(run.outcomes[0]).toMatchObject({ screen: 'retry', code: 'timeout' });
  });

  it('Zapier, which needs the opener to deliver, is cancelled however soon the handle closes', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch);
    await settle();
    run.popups[0]!.closed = true;
    await vi.advanceTimersByTimeAsync(250);
    expect(run.outcomes[0]?.code).toBe('cancelled');
  });

  it('closing the blank popup while launching cancels, and the late launch is ignored', async () => {
    let resolve: (value: unknown) => void = () => {};
    const run = startAttempt(gigs, () => new Promise((done) => (resolve = done)));
    run.popups[0]!.closed = true;
    await vi.advanceTimersByTimeAsync(250);
    expect(run.outcomes[0]?.code).toBe('cancelled');
    resolve(gigsLaunch);
    await settle();
    expect(run.outcomes).toHaveLength(1);
  });
});

describe('FlowAttempt: redirect', () => {
  it('saves the flow context with the launched session, then leaves the page', async () => {
    const run = startAttempt(gigs, async () => gigsLaunch, { mode: 'redirect' });
    await settle();
    expect(run.popups).toHaveLength(0);
    expect(run.browser.navigate).toHaveBeenCalledWith(gigsLaunch.url);
    expect(run.context()).toMatchObject({
      provider: 'gigs',
      mode: 'redirect',
      sessionId: 'csn_1',
      returnTo: '/settings?tab=apps#zapier',
    });
    expect(run.running).toEqual(['launching', 'redirecting']);
  });

  it('auto mode with a blocked popup falls back to a redirect', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch, { mode: 'auto' }, 'blocked');
    await settle();
    const url = new URL(run.browser.navigate.mock.calls[0]?.[0] as string);
    expect(url.searchParams.get('redirect_uri')).toBe(settings.redirectUri);
    expect(run.context()?.mode).toBe('redirect');
  });

  it('back from the provider by the back-forward cache: abandoned, the stored flow cleared', async () => {
    const run = startAttempt(zapier, async () => zapierLaunch, { mode: 'redirect' });
    await settle();
    run.restoreFromCache();
    expect(run.abandoned).toHaveBeenCalledOnce();
    expect(run.context()).toBeUndefined();
    expect(run.listening()).toBe(0);
  });
});
