import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { saveFlowContext, type FlowContext } from '../../src/core/index';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';

const uid = 'psub_d4e5f6789012345678901234abcdef01';
let n = 0;
/** Puts a callback in the address bar, on a fresh path (outcomes are kept per URL). */
const land = (query: string, hash = '') => {
  history.replaceState(null, '', `/connect/callback/${++n}?${query}${hash}`);
  return location.href;
};
const flow = (context: Partial<FlowContext>) =>
  saveFlowContext({ provider: 'emerge', mode: 'redirect', startedAt: Date.now(), ...context });
const state = () => document.querySelector('section')?.getAttribute('data-state');

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

describe('security: CSRF state', () => {
  it('verifies the stored state and consumes it once: a replay cannot succeed', () => {
    flow({ state: 's1' });
    land(`status=success&state=s1&uid=${uid}`);
    const { unmount } = render(<ConnectCallbackPage />);
    expect(state()).toBe('success');
    expect(sessionStorage.getItem('rcf:flow')).toBeNull();
    unmount();
    land(`status=success&state=s1&uid=${uid}`);
    render(<ConnectCallbackPage />);
    expect(state()).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe(
      'We could not verify this connection. Please start again.',
    );
  });

  it('refuses a state other than the stored one, and a Gigs session other than the launched one', () => {
    flow({ state: 's2' });
    land(`status=success&state=attacker&uid=${uid}`);
    const { unmount } = render(<ConnectCallbackPage />);
    expect(state()).toBe('error');
    unmount();
    flow({ provider: 'gigs', sessionId: 'csn_mine' });
    land('session_id=csn_other&status=success');
    render(<ConnectCallbackPage />);
    expect(state()).toBe('error');
    expect(screen.getByRole('alert').textContent).toMatch(/another session/);
  });

  it('takes expectedState from the app for a link its own server made', () => {
    land(`status=reauthorized&state=server-made&uid=${uid}`);
    render(<ConnectCallbackPage expectedState="server-made" />);
    expect(state()).toBe('success');
  });
});

describe('security: address bar, identifiers, navigation, parameter text', () => {
  it('scrubs the callback parameters, keeping the app parameters and the hash', () => {
    land(`tab=billing&status=success&state=s3&uid=${uid}&x=1`, '#top');
    flow({ state: 's3' });
    render(<ConnectCallbackPage />);
    expect(location.pathname).toBe(`/connect/callback/${n}`);
    expect(location.search).toBe('?tab=billing&x=1');
    expect(location.hash).toBe('#top');
  });

  it('never shows or stores the Emerge uid, nor the Gigs session id', () => {
    flow({ state: 's4' });
    land(`status=success&state=s4&uid=${uid}`);
    const onSuccess = vi.fn();
    const { container } = render(<ConnectCallbackPage onSuccess={onSuccess} />);
    expect(onSuccess.mock.calls[0]?.[0].uid).toBe(uid); // The app gets it, for its backend.
    expect(container.innerHTML).not.toContain(uid);
    expect(location.href).not.toContain(uid);
    expect(JSON.stringify(history.state)).not.toContain(uid);
    land('session_id=csn_secret&status=success');
    render(<ConnectCallbackPage />);
    expect(document.body.innerHTML).not.toContain('csn_secret');
    expect(JSON.stringify(history.state)).not.toContain('csn_secret');
  });

  it('never shows parameter text', () => {
    const spam = 'Call+555-0100+to+fix+your+account';
    for (const [provider, query] of [
      ['zapier', `error=${spam}&error_description=${spam}&service=${spam}`],
      ['emerge', `status=failure&state=s5&uid=${uid}&error_code=${spam}`],
      ['gigs', `session_id=csn_1&status=${spam}`],
    ] as const) {
      flow({ provider, state: 's5' });
      land(query);
      const { container, unmount } = render(<ConnectCallbackPage />);
      expect(state()).toBe('error');
      expect(container.textContent).not.toMatch(/555|Call/);
      expect(screen.getByRole('alert').textContent).toBe('Something went wrong. Please try again.');
      unmount();
    }
  });

  it('never navigates to a URL from the parameters; returnTo only as a same-origin path', () => {
    flow({ provider: 'gigs', returnTo: 'https://evil.example/phish' });
    land(
      'session_id=csn_1&status=success&redirect_uri=https://evil.example&returnTo=//evil.example',
    );
    const { container, unmount } = render(<ConnectCallbackPage />);
    expect(container.innerHTML).not.toContain('evil');
    expect(screen.getByRole('link', { name: 'Continue' }).getAttribute('href')).toBe('/');
    expect(location.origin + location.pathname).toBe(`http://localhost:3000/connect/callback/${n}`);
    unmount();
    flow({ provider: 'gigs', returnTo: '/plans?tab=2' });
    land('session_id=csn_1&status=user_aborted');
    render(<ConnectCallbackPage />);
    expect(screen.getByRole('link', { name: 'Go back' }).getAttribute('href')).toBe('/plans?tab=2');
  });
});

describe('once per callback URL', () => {
  it('calls back once under StrictMode, re-renders and remounts', () => {
    land('authentication_id=42&service=SlackAPI');
    const onOutcome = vi.fn();
    const onSuccess = vi.fn();
    const page = () => (
      <StrictMode>
        <ConnectCallbackPage onOutcome={(o) => onOutcome(o)} onSuccess={(o) => onSuccess(o)} />
      </StrictMode>
    );
    const { rerender, unmount } = render(page());
    rerender(page());
    unmount();
    history.replaceState(null, '', `/connect/callback/${n}?authentication_id=42&service=SlackAPI`);
    render(page());
    expect(onOutcome).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({
      authenticationId: '42',
      service: 'SlackAPI',
    });
  });

  it('a reload of the scrubbed URL shows the same screen and calls nothing again', () => {
    flow({ state: 's6', returnTo: '/start' });
    land(`app=1&status=failure&state=s6&uid=${uid}&error_code=data_invalid`);
    const onOutcome = vi.fn();
    const first = render(<ConnectCallbackPage onOutcome={onOutcome} />);
    const text = first.container.textContent;
    first.unmount();
    expect(location.search).toBe('?app=1');
    render(<ConnectCallbackPage onOutcome={onOutcome} />); // Reads the scrubbed address.
    expect(state()).toBe('error');
    expect(document.body.textContent).toBe(text);
    expect(onOutcome).toHaveBeenCalledTimes(1);
  });
});

describe('popup relay', () => {
  const receipt = (flow: string) =>
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', { data: { type: 'rcf:ack', flow }, origin: location.origin }),
      );
    });

  it('relays the raw query to the opener once, closes on its receipt, and else says the window can close', async () => {
    const opener = { postMessage: vi.fn() };
    Object.defineProperty(window, 'opener', { value: opener, configurable: true });
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const channel = vi.spyOn(BroadcastChannel.prototype, 'postMessage');
    const onOutcome = vi.fn();
    flow({ mode: 'popup', state: 'p1' });
    land(`status=success&state=p1&uid=${uid}`);
    render(
      <StrictMode>
        <ConnectCallbackPage onOutcome={onOutcome} />
      </StrictMode>,
    );
    const message = {
      type: 'rcf:callback',
      provider: 'emerge',
      query: `status=success&state=p1&uid=${uid}`,
      // The flow it belongs to: other tabs' openers ignore it.
      flow: 'p1',
    };
    expect(opener.postMessage).toHaveBeenCalledTimes(1);
    expect(opener.postMessage).toHaveBeenCalledWith(message, location.origin);
    expect(channel).toHaveBeenCalledWith(message);
    expect(close).not.toHaveBeenCalled();
    receipt('another-flow');
    await receipt('p1');
    expect(close).toHaveBeenCalledTimes(1);
    expect(onOutcome).not.toHaveBeenCalled(); // The opener's useConnect calls back, once.
    expect((await screen.findByText('You can close this window.')).getAttribute('role')).toBe(
      'status',
    );
    Object.defineProperty(window, 'opener', { value: null, configurable: true });
    close.mockRestore();
    channel.mockRestore();
  });

  it('without a receipt (the opener reloaded or closed) handles the callback itself', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const onSuccess = vi.fn();
    flow({ mode: 'popup', state: 'p2' });
    land(`status=success&state=p2&uid=${uid}`);
    render(<ConnectCallbackPage onSuccess={onSuccess} />);
    expect(state()).toBe('success');
    expect(onSuccess).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ provider: 'emerge', uid });
    expect(close).not.toHaveBeenCalled();
    expect(screen.queryByText('You can close this window.')).toBeNull();
    close.mockRestore();
  });
});
