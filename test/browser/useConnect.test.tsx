import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  zapier,
  type ConnectOptions,
  type ProviderAdapter,
  type ZapierLaunch,
} from '../../src/index';
import { useConnect } from '../../src/react/useConnect';
import { zapierToken } from './backend';
import { callbackUrl, trackPopups } from './helpers';

const origin = inject('providerOrigin');
const autoSuccess: ProviderAdapter<ZapierLaunch> = {
  ...zapier,
  launchUrl: (launch, context) => `${zapier.launchUrl(launch, context)}&auto=success&autoDelay=300`,
};

let popups: ReturnType<typeof trackPopups>;
let root: Root | undefined;
let container: HTMLElement;
const live = { listeners: 0, intervals: 0 };

beforeEach(() => {
  popups = trackPopups();
  container = document.createElement('div');
  document.body.append(container);
  live.listeners = live.intervals = 0;
  // Counts what the flow adds and removes on this window (deltas, so the runner's own don't count).
  const { addEventListener, removeEventListener, setInterval, clearInterval } = window;
  vi.spyOn(window, 'addEventListener').mockImplementation(function (this: Window, ...args) {
    if (args[0] === 'message') live.listeners++;
    return addEventListener.apply(this, args);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation(function (this: Window, ...args) {
    if (args[0] === 'message') live.listeners--;
    return removeEventListener.apply(this, args);
  });
  vi.spyOn(window, 'setInterval').mockImplementation(((fn: () => void, ms: number) => {
    live.intervals++;
    return setInterval(fn, ms);
  }) as typeof setInterval);
  vi.spyOn(window, 'clearInterval').mockImplementation((id) => {
    live.intervals--;
    clearInterval(id);
  });
});
afterEach(() => {
  if (root) flushSync(() => root?.unmount());
  root = undefined;
  container.remove();
  vi.restoreAllMocks();
  popups.restore();
});

type ZapierOptions = ConnectOptions<ProviderAdapter<ZapierLaunch>> & { basePath?: undefined };

function Connect(props: Partial<ZapierOptions>) {
  const { open, status, outcome } = useConnect({
    provider: autoSuccess,
    launch: () => zapierToken(origin, 'SlackAPI'),
    redirectUri: callbackUrl(),
    ...props,
  });
  return (
    <button type="button" onClick={open} data-status={status}>
      {outcome?.authenticationId ?? 'Connect'}
    </button>
  );
}

const button = () => container.querySelector('button')!;
const mount = (element: React.ReactNode) => {
  root = createRoot(container);
  flushSync(() => root?.render(<StrictMode>{element}</StrictMode>));
};

describe('useConnect in Chromium, StrictMode', () => {
  it('a real click opens exactly one popup, one listener, one timer; the result arrives once', async () => {
    const onSuccess = vi.fn();
    mount(<Connect onSuccess={onSuccess} />);
    await userEvent.click(button());
    await vi.waitFor(() => expect(button().dataset.status).toBe('open'));
    expect(popups.calls()).toBe(1);
    expect(live).toEqual({ listeners: 1, intervals: 1 });
    await vi.waitFor(() => expect(button().dataset.status).toBe('success'), { timeout: 8000 });
    expect(button().textContent).toMatch(/^\d+$/);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(live).toEqual({ listeners: 0, intervals: 0 });
    await vi.waitFor(() => expect(popups.opened[0]?.closed).toBe(true));
  });

  it('unmounting mid-flow closes the popup and removes the listener and the timer', async () => {
    const onOutcome = vi.fn();
    mount(<Connect provider={zapier} onOutcome={onOutcome} />);
    await userEvent.click(button());
    await vi.waitFor(() => expect(button().dataset.status).toBe('open'));
    flushSync(() => root?.unmount());
    root = undefined;
    expect(live).toEqual({ listeners: 0, intervals: 0 });
    expect(popups.opened[0]?.closed).toBe(true);
    expect(onOutcome).not.toHaveBeenCalled();
  });
});
