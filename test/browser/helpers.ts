import { vi } from 'vitest';

/** Records every window the code under test opens (the test needs the handles). */
export function trackPopups() {
  const opened: Window[] = [];
  const open = window.open;
  const spy = vi.spyOn(window, 'open').mockImplementation((...args) => {
    const popup = open.apply(window, args);
    if (popup) opened.push(popup);
    return popup;
  });
  return {
    opened,
    calls: () => spy.mock.calls.length,
    restore: () => {
      spy.mockRestore();
      for (const popup of opened) popup.close();
    },
  };
}

/** Whether the popup shows a cross-origin page (our handle can no longer read its URL). */
export function showsProviderPage(popup: Window) {
  try {
    void popup.location.href;
    return false;
  } catch {
    return !popup.closed;
  }
}

/**
 * Waits until the provider page is up and the flow has seen it for a second: a handle that
 * reads closed sooner looks like COOP severing (which, measured in this Chromium, shows the
 * page for 4-15 ms first), and is treated so. A user is never that fast.
 */
export async function providerPageShown(popup: Window) {
  await vi.waitFor(() => {
    if (!showsProviderPage(popup)) throw new Error('provider page not shown yet');
  });
  await new Promise((resolve) => setTimeout(resolve, 1300));
}

/** Messages on the test channel the harness pages report on. */
export function testChannel() {
  const channel = new BroadcastChannel('rcf-test');
  const messages: Record<string, unknown>[] = [];
  channel.onmessage = (event) => messages.push(event.data as Record<string, unknown>);
  return {
    messages,
    find: (kind: string) => messages.find((message) => message.kind === kind),
    close: () => channel.close(),
  };
}

export const callbackUrl = () => new URL('/test/browser/callback.html', location.origin).href;
