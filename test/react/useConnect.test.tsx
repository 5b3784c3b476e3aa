import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { relayChannelName, type ConnectOptions } from '../../src/core/index';
import { useConnect } from '../../src/react/useConnect';

class FakeChannel {
  static open = new Set<FakeChannel>();
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly name: string) {
    FakeChannel.open.add(this);
  }
  close() {
    FakeChannel.open.delete(this);
  }
}
const relay = (query: string) =>
  FakeChannel.open.forEach((channel) => {
    if (channel.name === relayChannelName) {
      // The popup relays with its flow's id: the state in the flow context it started with.
      const flow = (JSON.parse(sessionStorage.getItem('rcf:flow') ?? '{}') as { state?: string })
        .state;
      channel.onmessage?.({ data: { type: 'rcf:callback', provider: 'gigs', query, flow } });
    }
  });

let popups: { closed: boolean; close(): void; focus(): void; location: object }[];
let messageListeners: number;
let intervals: number;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('BroadcastChannel', FakeChannel);
  FakeChannel.open.clear();
  popups = [];
  messageListeners = 0;
  intervals = 0;
  // Counts the flow's interval (React's own timers would blur vi.getTimerCount()).
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
    const popup = {
      closed: false,
      close: () => void (popup.closed = true),
      focus: () => {},
      location: { href: 'about:blank', replace: () => {} },
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
});

const launch = async () => ({ url: 'https://connect.gigs.com/s/x', id: 'csn_1' });
const flush = () => act(() => vi.advanceTimersByTimeAsync(0));

function Connect(props: Partial<ConnectOptions<'gigs'>>) {
  const { open, close, status, outcome } = useConnect({ provider: 'gigs', launch, ...props });
  return (
    <>
      <button onClick={open}>Connect</button>
      <button onClick={close}>Cancel</button>
      <output>{`${status} ${outcome?.code ?? ''}`.trim()}</output>
    </>
  );
}
const status = () => screen.getByRole('status').textContent;
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('useConnect', () => {
  it('goes idle → launching → open → success, opening the popup in the click', async () => {
    render(<Connect />);
    expect(status()).toBe('idle');
    click('Connect');
    expect(window.open).toHaveBeenCalledTimes(1);
    expect(status()).toBe('launching');
    await flush();
    expect(status()).toBe('open');
    act(() => relay('session_id=csn_1&status=success'));
    expect(status()).toBe('success');
  });

  it('StrictMode: one popup, one listener, one channel, one timer; unmount removes them', async () => {
    const { unmount } = render(
      <StrictMode>
        <Connect />
      </StrictMode>,
    );
    click('Connect');
    await flush();
    expect(popups).toHaveLength(1);
    expect([messageListeners, FakeChannel.open.size, intervals]).toEqual([1, 1, 1]);
    unmount();
    expect(popups[0]?.closed).toBe(true);
    expect([messageListeners, FakeChannel.open.size, intervals]).toEqual([0, 0, 0]);
  });

  it('calls the latest callbacks, each once per flow', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const onOutcome = vi.fn();
    const { rerender } = render(<Connect onSuccess={first} onOutcome={onOutcome} />);
    click('Connect');
    await flush();
    rerender(<Connect onSuccess={second} onOutcome={onOutcome} />);
    act(() => relay('session_id=csn_1&status=success'));
    act(() => relay('session_id=csn_1&status=success'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(onOutcome).toHaveBeenCalledTimes(1);
  });

  it('close() cancels the running flow and calls onCancel', async () => {
    const onCancel = vi.fn();
    render(<Connect onCancel={onCancel} />);
    click('Connect');
    await flush();
    click('Cancel');
    expect(status()).toBe('cancelled cancelled');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(popups[0]?.closed).toBe(true);
  });

  it('reports popup_blocked in popup mode when the browser blocks the window', () => {
    vi.mocked(window.open).mockReturnValue(null);
    const onError = vi.fn();
    render(<Connect mode="popup" onError={onError} />);
    click('Connect');
    expect(status()).toBe('error popup_blocked');
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
