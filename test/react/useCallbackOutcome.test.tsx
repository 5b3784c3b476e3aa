import { act, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { saveFlowRecord, type FlowRecord } from '../../src/core/browser/flowRecord';
import {
  summarize,
  verifiedOutcome,
  type OutcomeSummary,
} from '../../src/core/model/outcomeSummary';
import { parseCallback } from '../../src/core/model/parseCallback';
import { emerge } from '../../src/core/model/providers/emerge';
import { gigs } from '../../src/core/model/providers/gigs';
import { relayReceiptWait } from '../../src/core/browser/relay';
import { relayChannelName } from '../../src/core/wire/protocol';
import { openPayload } from '../../src/core/browser/relaySeal';
import { sharedMessages } from '../../src/core/model/sharedMessages';
import type { ConnectOutcome } from '../../src/core/model/types';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';
import { FakeChannel } from './fakeChannel';
import {
  useCallbackOutcome,
  type CallbackOutcome,
  type UseCallbackOutcomeOptions,
} from '../../src/react/useCallbackOutcome';

const uid = 'psub_d4e5f6789012345678901234abcdef01';
let n = 0;
/** Puts a callback in the address bar, on a fresh history entry (no remembered screen). */
const land = (query: string, hash = '') => {
  history.replaceState(null, '', `/connect/callback/${++n}?${query}${hash}`);
  return location.href;
};
/** A flow this tab started and stored (what useConnect or rememberFlow writes). */
const storeFlow = (context: Partial<FlowRecord>) =>
  saveFlowRecord({
    provider: 'emerge',
    mode: 'redirect',
    state: 's1',
    expiresAt: Date.now() + 60_000,
    ...context,
  });
const storedFlow = () => sessionStorage.getItem('rcf:flow');
const remembered = () =>
  (history.state as { rcf?: { summary: OutcomeSummary } } | null)?.rcf?.summary;

function renderOutcome(options: UseCallbackOutcomeOptions = {}) {
  return renderHook(() => useCallbackOutcome(options), { wrapper: StrictMode });
}

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('useCallbackOutcome: every success belongs to a flow someone started', () => {
  it.each([
    ['gigs', 'session_id=csn_attacker&status=success'],
    ['zapier', 'authentication_id=666&service=SlackAPI'],
    ['emerge', `status=success&state=abc&uid=${uid}`],
  ])('a crafted %s link with no stored flow is unsolicited, never a success', (provider, query) => {
    land(query);
    const onSuccess = vi.fn();
    const onOutcome = vi.fn();
    const { result } = renderOutcome({ onSuccess, onOutcome });
    expect(result.current.outcome).toMatchObject({
      provider,
      screen: 'error',
      code: 'unsolicited_callback',
      message: sharedMessages.unsolicited_callback,
    });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onOutcome).toHaveBeenCalledTimes(1);
    expect(onOutcome.mock.calls[0]?.[0]).toMatchObject({ code: 'unsolicited_callback' });
  });

  it.each([
    [
      'gigs',
      { provider: 'gigs', sessionId: 'csn_1' },
      'session_id=csn_1&status=success',
      'sessionId',
      'csn_1',
    ],
    ['emerge', { state: 's1' }, `status=success&state=s1&uid=${uid}`, 'uid', uid],
    [
      'zapier',
      { provider: 'zapier' },
      'authentication_id=42&service=SlackAPI',
      'authenticationId',
      '42',
    ],
  ] as const)(
    'a %s callback for the flow this tab stored: success, onSuccess once (StrictMode, re-render, remount)',
    (_provider, flow, query, idName, id) => {
      storeFlow(flow);
      land(query);
      const onSuccess = vi.fn();
      const onOutcome = vi.fn();
      const page = () => (
        <StrictMode>
          <ConnectCallbackPage onSuccess={(o) => onSuccess(o)} onOutcome={(o) => onOutcome(o)} />
        </StrictMode>
      );
      const { rerender, unmount } = render(page());
      rerender(page());
      expect(document.querySelector('section')?.dataset.state).toBe('success');
      unmount();
      render(page());
      expect(document.querySelector('section')?.dataset.state).toBe('success');
      expect(onOutcome).toHaveBeenCalledTimes(1);
      expect(onSuccess).toHaveBeenCalledTimes(1);
      expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ screen: 'success', [idName]: id });
      // Consumed: a replay cannot succeed twice.
      expect(storedFlow()).toBeNull();
    },
  );

  it('a replay of a consumed flow in the same tab is unsolicited', () => {
    storeFlow({ provider: 'gigs', sessionId: 'csn_1' });
    land('session_id=csn_1&status=success');
    renderOutcome().unmount();
    land('session_id=csn_1&status=success');
    expect(renderOutcome().result.current.outcome?.code).toBe('unsolicited_callback');
  });

  it('a stale flow is not expected any more', () => {
    storeFlow({ provider: 'zapier', expiresAt: Date.now() - 1 });
    land('authentication_id=42&service=SlackAPI');
    expect(renderOutcome().result.current.outcome?.code).toBe('unsolicited_callback');
  });

  it('refuses a state other than the stored one, and a Gigs session other than the launched one', () => {
    storeFlow({ state: 's2' });
    land(`status=success&state=attacker&uid=${uid}`);
    expect(renderOutcome().result.current.outcome).toMatchObject({
      screen: 'error',
      code: 'invalid_state',
      message: sharedMessages.invalid_state,
    });
    storeFlow({ provider: 'gigs', sessionId: 'csn_mine' });
    land('session_id=csn_other&status=success');
    expect(renderOutcome().result.current.outcome).toMatchObject({
      screen: 'error',
      code: 'session_mismatch',
    });
  });

  it('a stored flow of another provider does not vouch for this callback', () => {
    storeFlow({ provider: 'gigs', sessionId: 'csn_1' });
    land('authentication_id=42&service=SlackAPI');
    expect(renderOutcome().result.current.outcome?.screen).toBe('error');
  });

  it('takes the app word: expectedState (Emerge, Zapier) and expectedSessionId (Gigs)', () => {
    land(`status=reauthorized&state=server-made&uid=${uid}`);
    expect(renderOutcome({ expectedState: 'server-made' }).result.current.outcome).toMatchObject({
      screen: 'success',
      reconnected: true,
      uid,
    });
    land('authentication_id=42&service=SlackAPI');
    expect(renderOutcome({ expectedState: 'mine' }).result.current.outcome?.screen).toBe('success');
    land('error=access_denied&state=not-mine&service=SlackAPI');
    expect(renderOutcome({ expectedState: 'mine' }).result.current.outcome?.code).toBe(
      'invalid_state',
    );
    land('session_id=csn_9&status=success');
    expect(renderOutcome({ expectedSessionId: 'csn_9' }).result.current.outcome?.screen).toBe(
      'success',
    );
    // A Gigs success is bound to its session: a state vouches for nothing there.
    land('session_id=csn_9&status=success');
    expect(renderOutcome({ expectedState: 'mine' }).result.current.outcome?.code).toBe(
      'unsolicited_callback',
    );
  });

  it('a stored Zapier reconnect flow says reconnected', () => {
    storeFlow({ provider: 'zapier', reconnect: true });
    land('authentication_id=42&service=SlackAPI');
    expect(renderOutcome().result.current.outcome).toMatchObject({
      screen: 'success',
      reconnected: true,
      message: sharedMessages.reconnected,
    });
  });
});

describe('useCallbackOutcome: the address bar and history', () => {
  it('reads the address in its first render: no pending frame in an SPA', () => {
    storeFlow({ provider: 'gigs', sessionId: 'csn_1' });
    land('session_id=csn_1&status=success');
    const views: CallbackOutcome[] = [];
    function Probe() {
      const view = useCallbackOutcome();
      views.push(view);
      return null;
    }
    render(<Probe />);
    expect(views[0]?.outcome?.screen).toBe('success');
    expect(views.every((view) => view.outcome?.screen === 'success')).toBe(true);
  });

  it("scrubs only the provider's parameters: the app's (even ?error=) and the hash stay", () => {
    storeFlow({ provider: 'gigs', sessionId: 'csn_1' });
    land('error=connectSessionFailed&tab=billing&session_id=csn_1&status=success', '#top');
    const { result } = renderOutcome();
    // The app's own `error` is not a Zapier callback.
    expect(result.current.outcome).toMatchObject({
      provider: 'gigs',
      screen: 'success',
      appQuery: 'error=connectSessionFailed&tab=billing',
    });
    expect(location.pathname).toBe(`/connect/callback/${n}`);
    expect(location.search).toBe('?error=connectSessionFailed&tab=billing');
    expect(location.hash).toBe('#top');
  });

  it('detects the provider from the trailing parameters without a stored flow too', () => {
    land('error=connectSessionFailed&session_id=csn_1&status=success');
    expect(renderOutcome({ expectedSessionId: 'csn_1' }).result.current.outcome).toMatchObject({
      provider: 'gigs',
      screen: 'success',
    });
    expect(location.search).toBe('?error=connectSessionFailed');
  });

  it("keeps the router's history state, and remembers the screen there without identifiers", () => {
    storeFlow({ state: 's4' });
    land(`status=success&state=s4&uid=${uid}`);
    history.replaceState({ usr: { from: 'plans' }, key: 'abc' }, '', location.href);
    const onSuccess = vi.fn();
    renderOutcome({ onSuccess });
    expect(onSuccess.mock.calls[0]?.[0].uid).toBe(uid); // The app gets it, for its backend.
    expect(history.state).toMatchObject({ usr: { from: 'plans' }, key: 'abc' });
    expect(remembered()).toMatchObject({ provider: 'emerge', screen: 'success' });
    expect(location.href).not.toContain(uid);
    expect(JSON.stringify(history.state)).not.toContain(uid);
    expect(JSON.stringify(history.state)).not.toContain('s4');
    for (const query of [
      'session_id=csn_secret&status=success',
      'authentication_id=4242&service=S',
    ]) {
      land(query);
      renderOutcome({ expectedSessionId: 'csn_secret', expectedState: 'x' });
      expect(remembered()?.screen).toBe('success');
      expect(JSON.stringify(history.state)).not.toMatch(/csn_secret|4242/);
    }
  });

  it('a reload of the scrubbed address shows the same screen and calls nothing again', () => {
    storeFlow({ state: 's6', returnTo: '/start' });
    land(`app=1&status=failure&state=s6&uid=${uid}&error_code=data_invalid`);
    const onOutcome = vi.fn();
    const first = render(<ConnectCallbackPage onOutcome={onOutcome} />);
    const text = first.container.textContent;
    first.unmount();
    expect(location.search).toBe('?app=1');
    expect(storedFlow()).toBeNull();
    render(<ConnectCallbackPage onOutcome={onOutcome} />); // Reads the scrubbed address.
    expect(document.querySelector('section')?.dataset.state).toBe('error');
    expect(document.body.textContent).toBe(text);
    expect(onOutcome).toHaveBeenCalledTimes(1);
  });

  it('leaves an unrecognisable address alone', () => {
    land('page=2');
    const { result } = renderOutcome();
    expect(result.current.outcome).toMatchObject({ provider: 'unknown', code: 'missing_params' });
    expect(location.search).toBe('?page=2');
  });

  it('reads the url option instead of the address', () => {
    land('page=2');
    const { result } = renderOutcome({ url: '/cb?session_id=csn_1&status=auth_expired' });
    expect(result.current.outcome).toMatchObject({ provider: 'gigs', code: 'auth_expired' });
  });

  it('returnTo comes from the stored flow only, as a same-origin path', () => {
    storeFlow({ provider: 'gigs', sessionId: 'csn_1', returnTo: 'https://evil.example/phish' });
    land(
      'session_id=csn_1&status=success&redirect_uri=https://evil.example&returnTo=//evil.example',
    );
    expect(renderOutcome().result.current.returnTo).toBeUndefined();
    expect(location.origin).toBe('http://localhost:3000');
    storeFlow({ provider: 'gigs', sessionId: 'csn_1', returnTo: '//evil.example' });
    land('session_id=csn_1&status=user_aborted');
    expect(renderOutcome().result.current.returnTo).toBeUndefined();
    storeFlow({ provider: 'gigs', sessionId: 'csn_1', returnTo: '/plans?tab=2' });
    land('session_id=csn_1&status=user_aborted');
    expect(renderOutcome().result.current.returnTo).toBe('/plans?tab=2');
  });

  it('a verified outcome from the server shows as it is, and calls back once', () => {
    land('from=server');
    const verified = summarize(
      parseCallback(`?status=success&state=s&uid=${uid}`, { provider: emerge, expectedState: 's' }),
    );
    const onSuccess = vi.fn();
    const { result } = renderOutcome({ verified, onSuccess });
    expect(result.current.outcome).toMatchObject({ provider: 'emerge', screen: 'success' });
    expect(result.current.outcome?.uid).toBeUndefined();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(location.search).toBe('?from=server');
  });
});

describe('useCallbackOutcome: in a useConnect popup', () => {
  const relayKey = 'k'.repeat(43);
  const flowId = 'f1';
  const receipt = (summary: OutcomeSummary, id = flowId) => {
    for (const channel of FakeChannel.open) {
      if (channel.name === relayChannelName) {
        channel.onmessage?.({ data: { type: 'rcf:ack', flowId: id, summary } });
      }
    }
  };
  const openerDecision = (outcome: Partial<ConnectOutcome> = {}): OutcomeSummary => ({
    ...summarize(
      parseCallback(`?status=success&state=p1&uid=${uid}`, {
        provider: emerge,
        expectedState: 'p1',
      }),
    ),
    ...outcome,
  });

  beforeEach(() => {
    FakeChannel.posted = [];
    FakeChannel.open.clear();
    vi.stubGlobal('BroadcastChannel', FakeChannel);
    storeFlow({ mode: 'popup', state: 'p1', flowId, relayKey });
    land(`from=app&status=success&state=p1&uid=${uid}`);
  });

  it('shows the pending section until the relay settles, and relays the parameters sealed', async () => {
    const opener = { postMessage: vi.fn() };
    Object.defineProperty(window, 'opener', { value: opener, configurable: true });
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const onOutcome = vi.fn();
    const { container } = render(
      <StrictMode>
        <ConnectCallbackPage onOutcome={onOutcome} onSuccess={onOutcome} />
      </StrictMode>,
    );
    expect(container.querySelector('section')?.dataset.state).toBe('pending');
    expect(screen.getByRole('status').textContent).toBe('Finishing your connection…');
    await vi.waitFor(() => expect(FakeChannel.posted).toHaveLength(1));
    const message = FakeChannel.posted[0] as {
      type: string;
      flowId: string;
      iv: string;
      sealed: string;
    };
    expect(message).toMatchObject({ type: 'rcf:callback', flowId });
    // Sealed: other tabs on the channel cannot read the uid; only the flow's key opens it.
    expect(JSON.stringify(message)).not.toContain(uid);
    const opened = await openPayload(message, relayKey);
    expect(opened?.provider).toBe('emerge');
    expect(opened?.params).toEqual({ status: 'success', state: 'p1', uid });
    expect(opener.postMessage).toHaveBeenCalledTimes(1);
    expect(opener.postMessage).toHaveBeenCalledWith(message, location.origin);
    expect(close).not.toHaveBeenCalled();
    receipt(openerDecision(), 'another-flow');
    expect(close).not.toHaveBeenCalled();
    act(() => receipt(openerDecision()));
    expect(close).toHaveBeenCalledTimes(1);
    expect(container.querySelector('section')?.dataset.state).toBe('success');
    expect(remembered()?.screen).toBe('success');
    // The opener's useConnect calls back, once: the popup never does.
    expect(onOutcome).not.toHaveBeenCalled();
    expect(location.search).toBe('?from=app');
    // `window.close()` did nothing here (a browser refuses it too, for a window no script opened).
    const note = await screen.findByText('You can close this window.');
    expect(note.getAttribute('role')).toBe('status');
    Object.defineProperty(window, 'opener', { value: null, configurable: true });
  });

  it("shows the opener's decision, not its own reading", async () => {
    vi.spyOn(window, 'close').mockImplementation(() => {});
    render(<ConnectCallbackPage />);
    await vi.waitFor(() => expect(FakeChannel.posted).toHaveLength(1));
    act(() =>
      receipt(
        openerDecision({
          screen: 'error',
          code: 'invalid_state',
          messageKey: 'invalid_state',
          message: sharedMessages.invalid_state,
          action: 'retry',
        }),
      ),
    );
    expect(screen.getByRole('alert').textContent).toBe(sharedMessages.invalid_state);
  });

  it('without a receipt (the opener reloaded or closed) handles the callback itself', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const first = vi.fn();
    const onSuccess = vi.fn();
    const { container, rerender } = render(<ConnectCallbackPage onSuccess={first} />);
    expect(container.querySelector('section')?.dataset.state).toBe('pending');
    // The latest callbacks, read when the relay gives up.
    rerender(<ConnectCallbackPage onSuccess={onSuccess} />);
    await act(() =>
      vi.waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1), {
        timeout: relayReceiptWait * 2,
      }),
    );
    expect(first).not.toHaveBeenCalled();
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ provider: 'emerge', uid });
    expect(container.querySelector('section')?.dataset.state).toBe('success');
    expect(close).not.toHaveBeenCalled();
    expect(screen.queryByText('You can close this window.')).toBeNull();
    expect(FakeChannel.open.size).toBe(0);
  });
});

describe('useCallbackOutcome: with the server half (basePath)', () => {
  /** The server's result route: what it verified for this browser's flow cookie, if anything. */
  const serverAnswers = (outcome: unknown) => {
    const fetch = vi.fn(async () => Response.json({ outcome }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };
  const verifiedGigs = verifiedOutcome(
    parseCallback('?session_id=csn_1&status=success', {
      provider: gigs,
      expectedSessionId: 'csn_1',
    }),
  );

  it('waits for the verified result the address announces, then calls back once', async () => {
    const fetch = serverAnswers(verifiedGigs);
    land('app=1&rcf_result=gigs');
    const onSuccess = vi.fn();
    const { result } = renderOutcome({ basePath: '/api/connect', onSuccess });
    expect(result.current.outcome).toBeUndefined();
    await act(() => vi.waitFor(() => expect(onSuccess).toHaveBeenCalled()));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.lastCall).toEqual([
      '/api/connect/result',
      expect.objectContaining({ credentials: 'same-origin' }),
    ]);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(result.current.outcome).toMatchObject({
      provider: 'gigs',
      screen: 'success',
      sessionId: 'csn_1',
      verified: true,
    });
    expect(location.search).toBe('?app=1');
    expect(remembered()?.screen).toBe('success');
  });

  it('a crafted marker with no result on the server is unsolicited', async () => {
    serverAnswers(null);
    land('rcf_result=zapier');
    const onOutcome = vi.fn();
    const onSuccess = vi.fn();
    const { result } = renderOutcome({ basePath: '/api/connect', onOutcome, onSuccess });
    await act(() => vi.waitFor(() => expect(onOutcome).toHaveBeenCalled()));
    expect(result.current.outcome).toMatchObject({
      provider: 'zapier',
      code: 'unsolicited_callback',
    });
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('a marker naming no provider of the page asks nothing of the server', () => {
    const fetch = serverAnswers(verifiedGigs);
    land('rcf_result=acme');
    const { result } = renderOutcome({ basePath: '/api/connect' });
    expect(result.current.outcome?.code).toBe('missing_params');
    expect(fetch).not.toHaveBeenCalled();
  });
});
