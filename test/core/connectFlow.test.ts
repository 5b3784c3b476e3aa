import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createConnectFlow,
  outcomeMessages,
  relayChannelName,
  type ConnectOptions,
  type ConnectProvider,
  type ProviderAdapter,
} from '../../src/core/index';

const app = 'https://app.example';
const zapierOrigin = 'https://connect.zapier.com';

/** A popup handle as the opener sees it: same-origin about:blank, then the provider page. */
function fakePopup() {
  let page = 'about:blank';
  const popup = {
    closed: false,
    focus: vi.fn(),
    close: vi.fn(() => void (popup.closed = true)),
    postMessage: vi.fn(),
    location: {
      get href() {
        if (!page.startsWith(app) && page !== 'about:blank') throw new Error('SecurityError');
        return page;
      },
      replace: vi.fn((url: string) => void (popup.navigatedTo = url)),
    },
    navigatedTo: undefined as string | undefined,
    /** The provider page commits (cross-origin, no COOP). */
    commit: () => void (page = popup.navigatedTo ?? page),
    /** COOP on the provider page: the handle reads closed, the popup lives on. */
    sever: () => void (popup.closed = true),
  };
  return popup;
}
type FakePopup = ReturnType<typeof fakePopup>;

function fakeStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
  };
}

class FakeChannel {
  static open = new Set<FakeChannel>();
  /** What the opener posted on the channel: its receipts. */
  static sent: unknown[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly name: string) {
    FakeChannel.open.add(this);
  }
  postMessage(data: unknown) {
    FakeChannel.sent.push(data);
  }
  close() {
    FakeChannel.open.delete(this);
  }
  static post(data: unknown) {
    for (const channel of FakeChannel.open) {
      if (channel.name === relayChannelName) channel.onmessage?.({ data });
    }
  }
}

function setup(blocked: 'null' | 'closed' | false = false) {
  const popups: FakePopup[] = [];
  const listeners = new Set<(event: MessageEvent) => void>();
  const storage = fakeStorage();
  const win = {
    location: {
      origin: app,
      pathname: '/settings',
      search: '?tab=apps',
      hash: '#zapier',
      assign: vi.fn(),
    },
    screenX: 100,
    screenY: 50,
    outerWidth: 1200,
    outerHeight: 900,
    open: vi.fn(() => {
      if (blocked === 'null') return null;
      const popup = fakePopup();
      if (blocked === 'closed') popup.closed = true;
      popups.push(popup);
      return popup;
    }),
    addEventListener: (_: string, fn: (event: MessageEvent) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (event: MessageEvent) => void) => listeners.delete(fn),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (id: number) => clearInterval(id),
  };
  const post = (data: unknown, origin: string, source: unknown) =>
    [...listeners].forEach((fn) => fn({ data, origin, source } as MessageEvent));
  const env = {
    window: win as unknown as Window,
    storage,
    BroadcastChannel: FakeChannel as unknown as typeof BroadcastChannel,
  };
  return { win, popups, listeners, storage, post, env };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** The flow id a popup relays with: the state in the flow context its sessionStorage copy holds. */
const flowOf = (storage: Storage) =>
  (JSON.parse(storage.getItem('rcf:flow') ?? '{}') as { state?: string }).state;

/** Our popup's callback page relaying a Gigs success over the channel, as it does after COOP. */
const relayFromPopup = (storage: Storage) =>
  FakeChannel.post({
    type: 'rcf:callback',
    provider: 'gigs',
    query: 'session_id=c&status=success',
    flow: flowOf(storage),
  });

const callbacks = () => ({
  onSuccess: vi.fn(),
  onError: vi.fn(),
  onCancel: vi.fn(),
  onOutcome: vi.fn(),
});

function start<P extends ConnectProvider>(
  options: ConnectOptions<P>,
  blocked: 'null' | 'closed' | false = false,
) {
  const ctx = setup(blocked);
  const spies = callbacks();
  const flow = createConnectFlow({ ...spies, ...options }, ctx.env);
  return { ...ctx, spies, flow };
}

const zapierLaunch = { token: 'tok_secret', app: 'SlackAPI' };
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  FakeChannel.open.clear();
  FakeChannel.sent = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createConnectFlow: popup', () => {
  it('opens a centred about:blank popup synchronously, before launch resolves, then navigates it', async () => {
    const launch = deferred<typeof zapierLaunch>();
    const { flow, win, popups } = start({ provider: 'zapier', launch: () => launch.promise });
    flow.open();
    expect(win.open).toHaveBeenCalledWith(
      'about:blank',
      '_blank',
      'width=600,height=700,left=400,top=150',
    );
    expect(flow.getSnapshot().status).toBe('launching');
    expect(popups[0]?.navigatedTo).toBeUndefined();
    launch.resolve(zapierLaunch);
    await settle();
    expect(popups[0]?.navigatedTo).toBe(`${zapierOrigin}/to/SlackAPI?token=tok_secret`);
    expect(flow.getSnapshot()).toEqual({ status: 'open', outcome: undefined });
  });

  it('calls launch on every open with a fresh state and the redirect URI', async () => {
    const launch = vi.fn(async () => zapierLaunch);
    const { flow, popups } = start({ provider: 'zapier', launch, mode: 'popup' });
    flow.open();
    await settle();
    popups[0]?.close();
    await vi.advanceTimersByTimeAsync(250);
    flow.open();
    await settle();
    expect(launch).toHaveBeenCalledTimes(2);
    const [first, second] = launch.mock.calls.map((call) => (call as unknown[])[0]);
    expect(first).toMatchObject({ redirectUri: `${app}/connect/callback`, mode: 'popup' });
    expect((first as { state: string }).state).toMatch(/^[\w-]{43}$/);
    expect((first as { state: string }).state).not.toBe((second as { state: string }).state);
  });

  it('focuses the open popup on a second open() instead of launching again', async () => {
    const launch = vi.fn(async () => zapierLaunch);
    const { flow, win, popups } = start({ provider: 'zapier', launch });
    flow.open();
    await settle();
    flow.open();
    expect(win.open).toHaveBeenCalledTimes(1);
    expect(launch).toHaveBeenCalledTimes(1);
    expect(popups[0]?.focus).toHaveBeenCalledTimes(1);
  });

  it('saves the flow context before window.open and removes it from the opener when done', async () => {
    const { flow, win, storage, post, popups } = start({
      provider: 'zapier',
      launch: async () => zapierLaunch,
    });
    let seen: unknown;
    win.open.mockImplementationOnce(() => {
      seen = JSON.parse(storage.getItem('rcf:flow') ?? 'null');
      const popup = fakePopup();
      popups.push(popup);
      return popup;
    });
    flow.open();
    expect(seen).toMatchObject({
      provider: 'zapier',
      mode: 'popup',
      returnTo: '/settings?tab=apps#zapier',
    });
    expect((seen as { state: string }).state).toMatch(/^[\w-]{43}$/);
    await settle();
    post({ type: 'authenticationSuccess', authId: 1 }, zapierOrigin, popups[0]);
    expect(storage.data.size).toBe(0);
  });
});

describe('createConnectFlow: Zapier messages', () => {
  it('accepts a success only from the Connect origin and the popup we opened', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'zapier',
      launch: async () => zapierLaunch,
    });
    flow.open();
    await settle();
    const popup = popups[0];
    post({ type: 'authenticationSuccess', authId: 12345 }, 'https://evil.example', popup);
    post({ type: 'authenticationSuccess', authId: 12345 }, zapierOrigin, {});
    post({ type: 'authenticationSuccess', authId: 12345 }, `${zapierOrigin}.evil.example`, popup);
    expect(spies.onOutcome).not.toHaveBeenCalled();
    post({ type: 'authenticationSuccess', authId: 12345 }, zapierOrigin, popup);
    post({ type: 'authenticationError', error: 'access_denied' }, zapierOrigin, popup);
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
    expect(spies.onOutcome).toHaveBeenCalledTimes(1);
    expect(spies.onError).not.toHaveBeenCalled();
    expect(spies.onSuccess.mock.calls[0]?.[0]).toMatchObject({
      provider: 'zapier',
      screen: 'success',
      authenticationId: '12345',
      reconnected: false,
    });
    expect(flow.getSnapshot().status).toBe('success');
    expect(popup?.close).toHaveBeenCalled();
  });

  it('maps an authenticationError to the documented retry screen', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'zapier',
      launch: async () => zapierLaunch,
    });
    flow.open();
    await settle();
    post({ type: 'authenticationError', error: 'access_denied' }, zapierOrigin, popups[0]);
    expect(spies.onError).toHaveBeenCalledTimes(1);
    expect(flow.getSnapshot()).toMatchObject({
      status: 'retry',
      outcome: { code: 'access_denied', message: outcomeMessages.access_denied },
    });
  });

  it('marks a reconnect and points at the configured base URL', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'zapier',
      launch: async () => ({
        ...zapierLaunch,
        reconnectId: '77',
        baseUrl: 'http://127.0.0.1:9/zapier',
      }),
    });
    flow.open();
    await settle();
    expect(popups[0]?.navigatedTo).toContain('reconnect_id=77');
    post({ type: 'authenticationSuccess', authId: 77 }, zapierOrigin, popups[0]);
    expect(spies.onOutcome).not.toHaveBeenCalled();
    post({ type: 'authenticationSuccess', authId: 77 }, 'http://127.0.0.1:9', popups[0]);
    expect(spies.onSuccess.mock.calls[0]?.[0]).toMatchObject({ reconnected: true });
  });

  it('never listens for relays: only the provider message counts', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'zapier',
      launch: async () => zapierLaunch,
    });
    flow.open();
    await settle();
    expect(FakeChannel.open.size).toBe(0);
    const relay = { type: 'rcf:callback', provider: 'zapier', query: 'authentication_id=1' };
    post(relay, app, popups[0]);
    expect(spies.onOutcome).not.toHaveBeenCalled();
  });
});

describe('createConnectFlow: relayed callbacks (Gigs, Emerge)', () => {
  const relay = (provider: string, query: string) => ({ type: 'rcf:callback', provider, query });

  it('Gigs: a relay over BroadcastChannel is parsed with the launched session id', async () => {
    const { flow, spies, storage } = start({
      provider: 'gigs',
      launch: async () => ({ url: 'https://connect.gigs.com/s/secret', id: 'csn_1' }),
    });
    flow.open();
    await settle();
    const ours = { ...relay('gigs', 'session_id=csn_1&status=success'), flow: flowOf(storage) };
    // Another tab's flow: not ours, ignored rather than failing this one.
    FakeChannel.post({ ...ours, flow: undefined });
    FakeChannel.post({ ...ours, flow: 'another-tab' });
    expect(spies.onOutcome).not.toHaveBeenCalled();
    FakeChannel.post(ours);
    FakeChannel.post(ours);
    // The receipt that lets the popup close (else it handles the callback itself).
    expect(FakeChannel.sent).toEqual([{ type: 'rcf:ack', flow: ours.flow }]);
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
    expect(spies.onSuccess.mock.calls[0]?.[0]).toMatchObject({
      provider: 'gigs',
      sessionId: 'csn_1',
    });
    expect(FakeChannel.open.size).toBe(0);
  });

  it("another tab's relay never ends this flow, even a Gigs flow without a session id", async () => {
    const { flow, spies, storage } = start({
      provider: 'gigs',
      launch: async () => ({ url: 'https://connect.gigs.com/s/secret' }),
    });
    flow.open();
    await settle();
    FakeChannel.post(relay('gigs', 'session_id=csn_other_tab&status=success'));
    FakeChannel.post(relay('gigs', 'session_id=a&session_id=b&status=success'));
    FakeChannel.post({ ...relay('gigs', 'status=success'), flow: 'another-tab' });
    expect(spies.onOutcome).not.toHaveBeenCalled();
    expect(flow.getSnapshot().status).toBe('open');
    FakeChannel.post({
      ...relay('gigs', 'session_id=csn_9&status=success'),
      flow: flowOf(storage),
    });
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('Gigs: our own popup relaying another session is a session_mismatch error', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'gigs',
      launch: async () => ({ url: 'https://connect.gigs.com/s/secret', id: 'csn_1' }),
    });
    flow.open();
    await settle();
    post(relay('gigs', 'session_id=csn_2&status=success'), app, popups[0]);
    expect(spies.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'session_mismatch' });
  });

  it('Emerge: a postMessage relay counts only from our origin and our popup, with our state', async () => {
    const launch = vi.fn(async ({ state }: { state: string }) => ({
      url: `https://link.emergedata.ai/link/start?state=${state}`,
    }));
    const { flow, post, popups, spies } = start({ provider: 'emerge', launch });
    flow.open();
    await settle();
    const { state } = launch.mock.calls[0]![0];
    const good = relay('emerge', `status=success&state=${state}&uid=psub_1`);
    post(good, 'https://evil.example', popups[0]);
    post(good, app, {});
    post(relay('zapier', 'authentication_id=1'), app, popups[0]);
    FakeChannel.post(relay('emerge', 'status=success&state=forged&uid=psub_1'));
    expect(spies.onOutcome).not.toHaveBeenCalled();
    post(good, app, popups[0]);
    expect(spies.onSuccess.mock.calls[0]?.[0]).toMatchObject({ provider: 'emerge', uid: 'psub_1' });
    // The receipt goes back to our popup too, with our exact origin.
    expect(popups[0]?.postMessage).toHaveBeenCalledWith({ type: 'rcf:ack' }, app);
  });

  it('Emerge: our popup relaying a wrong state is invalid_state, never a success', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'emerge',
      launch: async () => ({ url: 'https://link.emergedata.ai/link/start' }),
    });
    flow.open();
    await settle();
    post(relay('emerge', 'status=success&state=forged&uid=psub_1'), app, popups[0]);
    expect(spies.onSuccess).not.toHaveBeenCalled();
    expect(spies.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'invalid_state' });
  });
});

describe('createConnectFlow: closing the popup', () => {
  const gigs = {
    provider: 'gigs' as const,
    launch: async () => ({ url: 'https://connect.gigs.com/s/x' }),
  };

  it('the user closing the provider page is cancelled within two polls', async () => {
    const { flow, popups, spies } = start(gigs);
    flow.open();
    await settle();
    popups[0]?.commit();
    await vi.advanceTimersByTimeAsync(1200);
    popups[0]?.close();
    await vi.advanceTimersByTimeAsync(200);
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
    expect(spies.onError).not.toHaveBeenCalled();
    expect(flow.getSnapshot()).toMatchObject({
      status: 'cancelled',
      outcome: { code: 'cancelled' },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('Emerge: a handle severed long after the page showed (Google consent, COOP) is no cancel', async () => {
    const { flow, popups, spies } = start({
      provider: 'emerge',
      launch: async () => ({ url: 'https://link.emergedata.ai/link/start?state=s' }),
    });
    flow.open();
    await settle();
    popups[0]?.commit();
    await vi.advanceTimersByTimeAsync(5000);
    popups[0]?.sever();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(spies.onCancel).not.toHaveBeenCalled();
    expect(flow.getSnapshot().status).toBe('open');
    flow.close();
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
  });

  it('a relay sent just before the popup closed itself wins over the close', async () => {
    const { flow, popups, spies, storage } = start(gigs);
    flow.open();
    await settle();
    popups[0]?.commit();
    await vi.advanceTimersByTimeAsync(1200);
    popups[0]?.close();
    await vi.advanceTimersByTimeAsync(100);
    relayFromPopup(storage);
    await vi.advanceTimersByTimeAsync(500);
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
    expect(spies.onCancel).not.toHaveBeenCalled();
  });

  it('a handle that shows the page only for a moment before reading closed is severed', async () => {
    // Measured in Chromium: the COOP swap shows the cross-origin page for 4-15 ms first.
    const { flow, popups, spies, storage } = start(gigs);
    flow.open();
    await settle();
    popups[0]?.commit();
    await vi.advanceTimersByTimeAsync(200);
    popups[0]?.sever();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(spies.onOutcome).not.toHaveBeenCalled();
    relayFromPopup(storage);
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('Zapier, which needs the opener to deliver, is cancelled however soon the handle closes', async () => {
    const { flow, popups, spies } = start({ provider: 'zapier', launch: async () => zapierLaunch });
    flow.open();
    await settle();
    popups[0]?.close();
    await vi.advanceTimersByTimeAsync(200);
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
  });

  it('a handle severed by COOP is never a cancel: the relay still arrives', async () => {
    const { flow, popups, spies, storage } = start(gigs);
    flow.open();
    await settle();
    popups[0]?.sever(); // closed straight from about:blank, before the page was ever seen
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(spies.onOutcome).not.toHaveBeenCalled();
    expect(flow.getSnapshot().status).toBe('open');
    relayFromPopup(storage);
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a severed flow ends by the time limit, or when the app calls close()', async () => {
    const timedOut = start({ ...gigs, timeout: 60_000 });
    timedOut.flow.open();
    await settle();
    timedOut.popups[0]?.sever();
    await vi.advanceTimersByTimeAsync(60_200);
    expect(timedOut.spies.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'timeout' });

    const closed = start(gigs);
    closed.flow.open();
    await settle();
    closed.popups[0]?.sever();
    closed.flow.close();
    expect(closed.spies.onCancel).toHaveBeenCalledTimes(1);
    expect(closed.flow.getSnapshot().status).toBe('cancelled');
  });

  it('a second open() after severing starts a fresh flow in a new popup', async () => {
    const { flow, win, popups } = start(gigs);
    flow.open();
    await settle();
    popups[0]?.sever();
    flow.open();
    expect(win.open).toHaveBeenCalledTimes(2);
    expect(popups[0]?.close).toHaveBeenCalled();
  });

  it.each([
    ['the adapter', { closeDetection: false }, {}],
    ['the options', {}, { closeDetection: false }],
  ])('close detection can be turned off by %s', async (_, adapterPart, optionsPart) => {
    const adapter: ProviderAdapter<{ url: string }> = {
      id: 'custom',
      params: ['result'],
      markers: ['result'],
      parse: () => ({ screen: 'success', action: 'continue' }),
      launchUrl: (launch) => launch.url,
      ...adapterPart,
    };
    const { flow, popups, spies, storage } = start({
      provider: adapter,
      launch: async () => ({ url: 'https://custom.example/start' }),
      ...optionsPart,
    });
    flow.open();
    await settle();
    popups[0]?.commit();
    await vi.advanceTimersByTimeAsync(1200);
    popups[0]?.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(spies.onCancel).not.toHaveBeenCalled();
    FakeChannel.post({
      type: 'rcf:callback',
      provider: 'custom',
      query: 'result=ok',
      flow: flowOf(storage),
    });
    expect(spies.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('closing the blank popup while launching cancels, and the late launch is ignored', async () => {
    const launch = deferred<{ url: string }>();
    const { flow, popups, spies } = start({
      provider: 'gigs',
      launch: () => launch.promise,
      closeDetection: false,
    });
    flow.open();
    popups[0]?.close();
    await vi.advanceTimersByTimeAsync(200);
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
    launch.resolve({ url: 'https://connect.gigs.com/s/x' });
    await settle();
    expect(popups[0]?.navigatedTo).toBeUndefined();
    expect(spies.onOutcome).toHaveBeenCalledTimes(1);
  });

  it('a blank popup closed just as launch resolves is cancelled, not mistaken for severed', async () => {
    const launch = deferred<{ url: string }>();
    const { flow, popups, spies } = start({ provider: 'gigs', launch: () => launch.promise });
    flow.open();
    popups[0]?.close();
    launch.resolve({ url: 'https://connect.gigs.com/s/x' });
    await settle();
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
    expect(popups[0]?.navigatedTo).toBeUndefined();
  });
});

describe('createConnectFlow: blocked popup and redirect', () => {
  const launch = vi.fn(async () => ({ url: 'https://connect.gigs.com/s/secret', id: 'csn_9' }));

  it.each(['null', 'closed'] as const)(
    'popup mode reports popup_blocked (window.open gave %s) without launching',
    (blocked) => {
      launch.mockClear();
      const { flow, spies, storage } = start({ provider: 'gigs', launch, mode: 'popup' }, blocked);
      flow.open();
      expect(launch).not.toHaveBeenCalled();
      expect(spies.onError.mock.calls[0]?.[0]).toMatchObject({
        screen: 'error',
        code: 'popup_blocked',
        message: outcomeMessages.popup_blocked,
      });
      expect(storage.data.size).toBe(0);
    },
  );

  it('auto mode falls back to a full-page redirect, saving the flow context first', async () => {
    launch.mockClear();
    const { flow, win, storage, spies } = start({ provider: 'gigs', launch }, 'null');
    let saved: unknown;
    win.location.assign.mockImplementation(() => {
      saved = JSON.parse(storage.getItem('rcf:flow') ?? 'null');
    });
    flow.open();
    expect(flow.getSnapshot().status).toBe('launching');
    await settle();
    expect(launch.mock.calls[0]).toMatchObject([
      { mode: 'redirect', redirectUri: `${app}/connect/callback` },
    ]);
    expect(win.location.assign).toHaveBeenCalledWith('https://connect.gigs.com/s/secret');
    expect(saved).toMatchObject({
      provider: 'gigs',
      mode: 'redirect',
      sessionId: 'csn_9',
      reconnect: false,
      returnTo: '/settings?tab=apps#zapier',
    });
    expect((saved as { state: string }).state).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(saved)).not.toContain('secret');
    expect(flow.getSnapshot().status).toBe('redirecting');
    expect(vi.getTimerCount()).toBe(0);
    flow.open();
    expect(launch).toHaveBeenCalledTimes(1);
    expect(spies.onOutcome).not.toHaveBeenCalled();
  });

  it('redirect mode never opens a window and uses the given redirect URI', async () => {
    const zapier = vi.fn(async () => zapierLaunch);
    const { flow, win } = start({
      provider: 'zapier',
      launch: zapier,
      mode: 'redirect',
      redirectUri: `${app}/cb`,
    });
    flow.open();
    await settle();
    expect(win.open).not.toHaveBeenCalled();
    expect(win.location.assign).toHaveBeenCalledWith(
      `${zapierOrigin}/to/SlackAPI?token=tok_secret&redirect_uri=${encodeURIComponent(`${app}/cb`)}`,
    );
  });
});

describe('createConnectFlow: launch failures and cleanup', () => {
  it('a rejected launch is launch_failed with the reason, popup closed, nothing left behind', async () => {
    const { flow, popups, spies, listeners, storage } = start({
      provider: 'zapier',
      launch: async () => {
        throw new Error('backend said 503');
      },
    });
    flow.open();
    await settle();
    expect(spies.onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'launch_failed',
      hint: 'backend said 503',
      message: outcomeMessages.launch_failed,
    });
    expect(popups[0]?.close).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.size).toBe(0);
    expect(storage.data.size).toBe(0);
  });

  it('a launch that outlives launchTimeout is launch_failed; its late result is ignored', async () => {
    const launch = deferred<typeof zapierLaunch>();
    const { flow, popups, spies } = start({
      provider: 'zapier',
      launch: () => launch.promise,
      launchTimeout: 1000,
    });
    flow.open();
    await vi.advanceTimersByTimeAsync(1200);
    expect(spies.onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'launch_failed',
      hint: 'launch timed out',
    });
    expect(popups[0]?.closed).toBe(true);
    launch.resolve(zapierLaunch);
    await settle();
    expect(popups[0]?.navigatedTo).toBeUndefined();
    expect(spies.onOutcome).toHaveBeenCalledTimes(1);
  });

  it('never logs or stores the launch URL or token', async () => {
    const logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation(() => {}),
    );
    const { flow, post, popups, storage } = start({
      provider: 'zapier',
      launch: async () => zapierLaunch,
    });
    flow.open();
    await settle();
    expect([...storage.data.values()].join()).not.toContain('tok_secret');
    post({ type: 'authenticationSuccess', authId: 1 }, zapierOrigin, popups[0]);
    expect(JSON.stringify(flow.getSnapshot())).not.toContain('tok_secret');
    for (const log of logs) expect(log).not.toHaveBeenCalled();
    logs.forEach((log) => log.mockRestore());
  });

  it('never logs or stores a Gigs session URL, on redirect or on a failed launch either', async () => {
    const logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation(() => {}),
    );
    const secret = 'https://connect.gigs.com/checkout/entry?session=csn_1&token=sec_ret';
    const redirect = start({
      provider: 'gigs',
      mode: 'redirect',
      launch: async () => ({ url: secret, id: 'csn_1' }),
    });
    redirect.flow.open();
    await settle();
    expect(redirect.win.location.assign).toHaveBeenCalledWith(secret);
    expect([...redirect.storage.data.values()].join()).not.toContain('sec_ret');
    const failing = start({
      provider: 'gigs',
      launch: async () => Promise.reject(new Error('backend down')),
    });
    failing.flow.open();
    await settle();
    expect(failing.flow.getSnapshot().outcome).toMatchObject({ code: 'launch_failed' });
    expect(JSON.stringify(failing.flow.getSnapshot())).not.toContain('sec_ret');
    for (const log of logs) expect(log).not.toHaveBeenCalled();
    logs.forEach((log) => log.mockRestore());
  });

  it('calls the latest callbacks, once', async () => {
    const { flow, post, popups, spies } = start({
      provider: 'zapier',
      launch: async () => zapierLaunch,
    });
    flow.open();
    await settle();
    const onSuccess = vi.fn();
    flow.setOptions({ provider: 'zapier', launch: async () => zapierLaunch, onSuccess });
    post({ type: 'authenticationSuccess', authId: 1 }, zapierOrigin, popups[0]);
    post({ type: 'authenticationSuccess', authId: 1 }, zapierOrigin, popups[0]);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(spies.onSuccess).not.toHaveBeenCalled();
  });

  it('reset() ends a running flow silently and removes every listener and timer', async () => {
    const { flow, popups, spies, listeners } = start({
      provider: 'gigs',
      launch: async () => ({ url: 'https://connect.gigs.com/s/x' }),
    });
    const listener = vi.fn();
    const unsubscribe = flow.subscribe(listener);
    flow.open();
    await settle();
    expect(listeners.size).toBe(1);
    expect(FakeChannel.open.size).toBe(1);
    flow.reset();
    expect(flow.getSnapshot()).toEqual({ status: 'idle', outcome: undefined });
    expect(popups[0]?.close).toHaveBeenCalled();
    expect([listeners.size, FakeChannel.open.size, vi.getTimerCount()]).toEqual([0, 0, 0]);
    expect(spies.onOutcome).not.toHaveBeenCalled();
    const calls = listener.mock.calls.length;
    unsubscribe();
    flow.open();
    expect(listener).toHaveBeenCalledTimes(calls);
  });

  it('touches no window until open()', () => {
    expect(typeof window).toBe('undefined');
    const flow = createConnectFlow({ provider: 'gigs', launch: async () => ({ url: 'x' }) });
    expect(flow.getSnapshot()).toBe(flow.getSnapshot());
    flow.reset();
    flow.close();
    expect(flow.getSnapshot().status).toBe('idle');
  });
});
