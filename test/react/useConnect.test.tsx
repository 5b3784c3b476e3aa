import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import type {
  AnyProviderAdapter,
  ConnectOptions,
  LaunchContext,
  ProviderAdapter,
} from '../../src/core/index';
import type { FlowRecord } from '../../src/core/browser/flowRecord';
import { gigs, type GigsLaunch } from '../../src/core/model/providers/gigs';
import { zapier, type ZapierLaunch } from '../../src/core/model/providers/zapier';
import { relayChannelName } from '../../src/core/wire/protocol';
import { sealPayload } from '../../src/core/browser/relaySeal';
import { sharedMessages } from '../../src/core/model/sharedMessages';
import { useConnect } from '../../src/react/useConnect';
import { FakeChannel } from './fakeChannel';
// The flow loads the relay listener with import(); loading it here first keeps that import
// quick on a loaded machine (the tests still wait for the popup to be sent before relaying).
import '../../src/core/flow/relayListener';
import { loadFlowAttempt } from '../../src/core/flow/attemptLoader';

interface FakePopup {
  /** The flow context the popup got: its copy of this tab's sessionStorage when it opened. */
  flow: string | null;
  closed: boolean;
  close: () => void;
  focus: ReturnType<typeof vi.fn>;
  postMessage: ReturnType<typeof vi.fn>;
  location: { href: string };
}

const zapierOrigin = 'https://connect.zapier.com';
let popups: FakePopup[];
let messageListeners: number;
let intervals: number;

// The attempt's module loaded, as useConnect does on mount: a press runs it at once
// (attemptLoader.test.ts covers a press before it has loaded).
beforeAll(() => loadFlowAttempt());

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('BroadcastChannel', FakeChannel);
  FakeChannel.open.clear();
  FakeChannel.posted = [];
  zapierLaunch.mockClear();
  popups = [];
  messageListeners = 0;
  intervals = 0;
  // Counts the flow's own interval (React's timers would blur vi.getTimerCount()).
  const { setInterval, clearInterval } = window;
  vi.spyOn(window, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
    intervals++;
    return setInterval(fn, ms);
  }) as typeof setInterval);
  vi.spyOn(window, 'clearInterval').mockImplementation((id) => {
    intervals--;
    clearInterval(id);
  });
  vi.spyOn(window, 'open').mockImplementation(() => {
    const popup: FakePopup = {
      flow: sessionStorage.getItem('rcf:flow'),
      closed: false,
      close: () => {
        popup.closed = true;
      },
      focus: vi.fn(),
      postMessage: vi.fn(),
      location: {
        href: 'about:blank',
      },
    };
    popups.push(popup);
    return popup as unknown as Window;
  });
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  vi.spyOn(window, 'addEventListener').mockImplementation((type, ...rest) => {
    if (type === 'message') messageListeners++;
    add(type, ...rest);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation((type, ...rest) => {
    if (type === 'message') messageListeners--;
    remove(type, ...rest);
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

const zapierLaunch = vi.fn(async (_context: LaunchContext): Promise<ZapierLaunch> => ({
  token: 'tok',
  app: 'SlackAPI',
}));
const gigsLaunch = async (): Promise<GigsLaunch> => ({
  url: 'https://connect.gigs.com/s/x?session=csn_1',
  id: 'csn_1',
});
const flush = () => act(() => vi.advanceTimersByTimeAsync(0));
const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
/** The relay listener loads with `import()`: the popup navigates, and the status is open, once it listens. */
const listening = () =>
  act(() => vi.waitFor(() => expect(status()).toBe('open'), { timeout: 10_000 }));

/** The options of a flow whose launch the app's own backend mints. */
type ClientOptions<A extends AnyProviderAdapter> = Extract<ConnectOptions<A>, { launch: unknown }>;
type ZapierOptions = ClientOptions<ProviderAdapter<ZapierLaunch, { authenticationId: string }>>;

function Connect(props: Partial<ZapierOptions>) {
  const { open, close, reset, status, outcome } = useConnect({
    provider: zapier,
    launch: zapierLaunch,
    ...props,
  });
  return (
    <>
      <button onClick={open}>Connect</button>
      <button onClick={close}>Cancel</button>
      <button onClick={reset}>Reset</button>
      <output>{`${status} ${outcome?.code ?? outcome?.authenticationId ?? ''}`.trim()}</output>
    </>
  );
}

function ConnectGigs(props: Partial<ClientOptions<typeof gigs>>) {
  const { open, status } = useConnect({ provider: gigs, launch: gigsLaunch, ...props });
  return (
    <>
      <button onClick={open}>Connect</button>
      <output>{status}</output>
    </>
  );
}

const status = () => screen.getByRole('status').textContent;
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
/** The flow as the popup's callback page reads it: its copy of this tab's sessionStorage. */
const storedFlow = () => JSON.parse(popups[0]?.flow ?? 'null') as FlowRecord;

/** What Zapier's Connect UI posts to its opener, from its origin and the popup we opened. */
function zapierPosts(data: object, from: { origin?: string; source?: unknown } = {}) {
  const event = new MessageEvent('message', {
    data,
    origin: from.origin ?? zapierOrigin,
    source: (from.source ?? popups[0]) as MessageEventSource,
  });
  act(() => {
    window.dispatchEvent(event);
  });
}

/** Our callback page in the popup relays a Gigs callback, sealed with the flow's key. */
async function relayGigs(params: Record<string, string>) {
  const { flowId = '', relayKey = '' } = storedFlow();
  const sealed = await sealPayload({ provider: 'gigs', params, sentAt: Date.now() }, relayKey);
  for (const channel of FakeChannel.open) {
    if (channel.name === relayChannelName) {
      channel.onmessage?.({ data: { type: 'rcf:callback', flowId, ...sealed } });
    }
  }
}

describe('useConnect: status transitions', () => {
  it('goes idle → launching → open → success, opening the popup in the click', async () => {
    const onSuccess = vi.fn();
    const onOutcome = vi.fn();
    render(<Connect onSuccess={onSuccess} onOutcome={onOutcome} />);
    expect(status()).toBe('idle');
    click('Connect');
    // Synchronously, still in the click: browsers block a popup opened after an await.
    expect(window.open).toHaveBeenCalledTimes(1);
    expect(vi.mocked(window.open).mock.calls[0]?.[0]).toBe('about:blank');
    expect(status()).toBe('launching');
    await flush();
    expect(status()).toBe('open');
    // A fresh launch per attempt, with this attempt's state and the default callback URL.
    const context = zapierLaunch.mock.lastCall?.[0];
    expect(context).toEqual({
      state: storedFlow().state,
      redirectUri: `${location.origin}/connect/callback`,
      mode: 'popup',
    });
    const opened = new URL(popups[0]?.location.href ?? '');
    expect(opened.origin + opened.pathname).toBe(`${zapierOrigin}/to/SlackAPI`);
    expect(opened.searchParams.get('state')).toBe(context?.state);
    // Zapier's authId is numeric in the message: a string in the outcome.
    zapierPosts({ type: 'authenticationSuccess', authId: 12345 });
    expect(status()).toBe('success 12345');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({
      screen: 'success',
      provider: 'zapier',
      authenticationId: '12345',
    });
    expect(onOutcome).toHaveBeenCalledTimes(1);
    // The flow is over: its popup, listener and timer are gone.
    expect(popups[0]?.closed).toBe(true);
    expect([messageListeners, intervals]).toEqual([0, 0]);
  });

  it('ignores a message from another origin or another window', async () => {
    render(<Connect />);
    click('Connect');
    await flush();
    zapierPosts({ type: 'authenticationSuccess', authId: 1 }, { origin: 'https://evil.example' });
    zapierPosts({ type: 'authenticationSuccess', authId: 1 }, { source: window });
    zapierPosts({ type: 'somethingElse' });
    expect(status()).toBe('open');
  });

  it('a Zapier error message ends the flow on its screen and calls onError', async () => {
    const onError = vi.fn();
    render(<Connect onError={onError} />);
    click('Connect');
    await flush();
    zapierPosts({ type: 'authenticationError', error: 'access_denied' });
    expect(status()).toBe('retry access_denied');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'access_denied' }));
  });

  it('close() cancels the running flow: popup closed, onCancel then onOutcome', async () => {
    const calls: string[] = [];
    render(
      <Connect
        onCancel={(outcome) => calls.push(`cancel ${outcome.code}`)}
        onOutcome={(outcome) => calls.push(`outcome ${outcome.code}`)}
      />,
    );
    click('Connect');
    await flush();
    click('Cancel');
    expect(status()).toBe('cancelled cancelled');
    expect(calls).toEqual(['cancel cancelled', 'outcome cancelled']);
    expect(popups[0]?.closed).toBe(true);
    expect([messageListeners, intervals]).toEqual([0, 0]);
  });

  it('a popup the user closes ends the flow as cancelled', async () => {
    const onCancel = vi.fn();
    render(<Connect onCancel={onCancel} />);
    click('Connect');
    await flush();
    act(() => popups[0]?.close());
    await tick(300);
    expect(status()).toBe('cancelled cancelled');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onCancel.mock.calls[0]?.[0]).toMatchObject({
      screen: 'retry',
      code: 'cancelled',
      message: sharedMessages.cancelled,
    });
  });

  it('reset() ends a running flow without callbacks, and forgets an outcome', async () => {
    const onOutcome = vi.fn();
    render(<Connect onOutcome={onOutcome} />);
    click('Connect');
    await flush();
    click('Reset');
    expect(status()).toBe('idle');
    expect(popups[0]?.closed).toBe(true);
    expect([messageListeners, intervals]).toEqual([0, 0]);
    expect(sessionStorage.getItem('rcf:flow')).toBeNull();
    expect(onOutcome).not.toHaveBeenCalled();
    click('Connect');
    click('Cancel');
    expect(status()).toBe('cancelled cancelled');
    click('Reset');
    expect(status()).toBe('idle');
  });

  it('a second press while open brings the popup to the front instead of opening another', async () => {
    render(<Connect />);
    click('Connect');
    await flush();
    click('Connect');
    expect(window.open).toHaveBeenCalledTimes(1);
    expect(popups[0]?.focus).toHaveBeenCalledTimes(1);
    expect(status()).toBe('open');
  });

  it('reports popup_blocked in popup mode when the browser blocks the window', () => {
    vi.mocked(window.open).mockReturnValue(null);
    const onError = vi.fn();
    render(<Connect mode="popup" onError={onError} />);
    click('Connect');
    expect(status()).toBe('error popup_blocked');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(zapierLaunch).not.toHaveBeenCalled();
  });

  it('a launch that fails ends as launch_failed and closes the popup', async () => {
    const onError = vi.fn();
    render(<Connect launch={() => Promise.reject(new Error('backend down'))} onError={onError} />);
    click('Connect');
    await flush();
    expect(status()).toBe('error launch_failed');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'launch_failed',
      hint: 'backend down',
    });
    expect(popups[0]?.closed).toBe(true);
  });

  it('a launch that never answers ends as launch_failed after launchTimeout', async () => {
    render(<Connect launch={() => new Promise(() => {})} launchTimeout={5000} />);
    click('Connect');
    await tick(4900);
    expect(status()).toBe('launching');
    await tick(300);
    expect(status()).toBe('error launch_failed');
  });

  it('a flow that runs out of time ends as timeout', async () => {
    render(<Connect timeout={10_000} />);
    click('Connect');
    await flush();
    await tick(10_200);
    expect(status()).toBe('retry timeout');
  });
});

describe('useConnect: one popup, listener and timer, cleaned up', () => {
  it('StrictMode: one popup, one listener, one channel, one timer; unmount removes them', async () => {
    const onOutcome = vi.fn();
    const { unmount } = render(
      <StrictMode>
        <ConnectGigs onOutcome={onOutcome} />
      </StrictMode>,
    );
    click('Connect');
    await flush();
    await listening();
    expect(popups).toHaveLength(1);
    expect([messageListeners, FakeChannel.open.size, intervals]).toEqual([1, 1, 1]);
    unmount();
    expect(popups[0]?.closed).toBe(true);
    expect([messageListeners, FakeChannel.open.size, intervals]).toEqual([0, 0, 0]);
    expect(onOutcome).not.toHaveBeenCalled();
  });

  it('StrictMode: a relayed callback ends the flow once, with a receipt for the popup', async () => {
    const onSuccess = vi.fn();
    render(
      <StrictMode>
        <ConnectGigs onSuccess={onSuccess} />
      </StrictMode>,
    );
    click('Connect');
    await flush();
    await listening();
    // The opener opens the seal asynchronously (WebCrypto): wait for the flow's own callback.
    await act(async () => {
      await relayGigs({ session_id: 'csn_1', status: 'success' });
      await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    });
    expect(status()).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ provider: 'gigs', sessionId: 'csn_1' });
    expect(FakeChannel.posted).toEqual([
      expect.objectContaining({
        type: 'rcf:ack',
        summary: expect.objectContaining({ screen: 'success' }),
      }),
    ]);
    expect([messageListeners, FakeChannel.open.size, intervals]).toEqual([0, 0, 0]);
  });

  it('a relay for another session is not this flow: session_mismatch', async () => {
    const onError = vi.fn();
    render(<ConnectGigs onError={onError} />);
    click('Connect');
    await flush();
    await listening();
    await act(async () => {
      await relayGigs({ session_id: 'csn_attacker', status: 'success' });
      await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    });
    expect(status()).toBe('error');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'session_mismatch' });
  });

  it('unmount mid-launch: no popup left, no callback later', async () => {
    let answer: (launch: ZapierLaunch) => void = () => {};
    const onOutcome = vi.fn();
    const { unmount } = render(
      <Connect launch={() => new Promise((resolve) => (answer = resolve))} onOutcome={onOutcome} />,
    );
    click('Connect');
    unmount();
    answer({ token: 't', app: 'SlackAPI' });
    await tick(1000);
    expect(popups[0]?.closed).toBe(true);
    expect(popups[0]?.location.href).toBe('about:blank');
    expect([messageListeners, intervals]).toEqual([0, 0]);
    expect(onOutcome).not.toHaveBeenCalled();
  });
});

describe('useConnect: the latest options', () => {
  it('calls the latest callbacks, each once per flow', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const onOutcome = vi.fn();
    const { rerender } = render(<Connect onSuccess={first} onOutcome={onOutcome} />);
    click('Connect');
    await flush();
    rerender(<Connect onSuccess={second} onOutcome={onOutcome} />);
    zapierPosts({ type: 'authenticationSuccess', authId: 7 });
    zapierPosts({ type: 'authenticationSuccess', authId: 7 });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(onOutcome).toHaveBeenCalledTimes(1);
  });

  it('calls the latest launch on the next open', async () => {
    const firstLaunch = vi.fn(async () => ({ token: 'a', app: 'SlackAPI' }));
    const secondLaunch = vi.fn(async () => ({ token: 'b', app: 'SlackAPI' }));
    const { rerender } = render(<Connect launch={firstLaunch} />);
    rerender(<Connect launch={secondLaunch} />);
    click('Connect');
    await flush();
    expect(firstLaunch).not.toHaveBeenCalled();
    expect(secondLaunch).toHaveBeenCalledTimes(1);
  });
});

describe('useConnect: onEvent', () => {
  const typesOf = (onEvent: ReturnType<typeof vi.fn>) =>
    onEvent.mock.calls.map(([event]) => (event as { type: string }).type);

  it('StrictMode, Zapier popup: each step once, in order, then one outcome', async () => {
    const onEvent = vi.fn();
    render(
      <StrictMode>
        <Connect onEvent={onEvent} />
      </StrictMode>,
    );
    click('Connect');
    await flush();
    await tick(300);
    zapierPosts({ type: 'authenticationSuccess', authId: 7 });
    expect(status()).toBe('success 7');
    expect(typesOf(onEvent)).toEqual([
      'started',
      'launched',
      'provider_shown',
      'returned',
      'outcome',
    ]);
    expect(onEvent.mock.lastCall?.[0]).toMatchObject({
      provider: 'zapier',
      mode: 'popup',
      screen: 'success',
      code: undefined,
    });
    expect(onEvent.mock.lastCall?.[0].at).toBeGreaterThanOrEqual(300);
    // The popup's copy of the flow names the same attempt.
    expect(storedFlow().attemptId).toBe(onEvent.mock.calls[0]?.[0].attemptId);
  });

  it('the latest onEvent gets the rest; a relayed Gigs callback is returned, then outcome', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = render(<ConnectGigs onEvent={first} />);
    click('Connect');
    await flush();
    await listening();
    rerender(<ConnectGigs onEvent={second} />);
    await act(() => relayGigs({ session_id: 'csn_1', status: 'success' }));
    await act(() => vi.waitFor(() => expect(second).toHaveBeenCalledTimes(2)));
    expect(typesOf(first)).toEqual(['started', 'launched', 'provider_shown']);
    expect(typesOf(second)).toEqual(['returned', 'outcome']);
  });

  it('unmounting a running flow ends its attempt with a cancelled outcome', async () => {
    const onEvent = vi.fn();
    const { unmount } = render(<Connect onEvent={onEvent} />);
    click('Connect');
    await flush();
    unmount();
    expect(typesOf(onEvent)).toEqual(['started', 'launched', 'provider_shown', 'outcome']);
    expect(onEvent.mock.lastCall?.[0]).toMatchObject({ code: 'cancelled' });
  });
});
