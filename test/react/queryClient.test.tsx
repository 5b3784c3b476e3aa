import { focusManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { useQueryClientOrFallback } from '../../src/react/queryClient';

/** The client a component gets, rendered in this (jsdom) window. */
function clientInBrowser(wrapper?: (props: { children: ReactNode }) => ReactNode) {
  return renderHook(() => useQueryClientOrFallback(), wrapper ? { wrapper } : {}).result.current;
}

/** The client a component gets on a server: no window. */
function clientOnServer(): QueryClient {
  const clients: QueryClient[] = [];
  function Probe() {
    clients.push(useQueryClientOrFallback());
    return null;
  }
  vi.stubGlobal('window', undefined);
  try {
    renderToString(<Probe />);
  } finally {
    vi.unstubAllGlobals();
  }
  expect(clients).toHaveLength(1);
  return clients[0]!;
}

/** Tells React Query the window lost focus and got it back. */
function refocus() {
  focusManager.setFocused(false);
  focusManager.setFocused(true);
}

afterEach(() => {
  focusManager.setFocused(undefined);
  vi.restoreAllMocks();
});

describe('useQueryClientOrFallback', () => {
  it("is the app's client inside a QueryClientProvider, even once the fallback exists", () => {
    const fallback = clientInBrowser();
    const app = new QueryClient();
    const client = clientInBrowser(({ children }) => (
      <QueryClientProvider client={app}>{children}</QueryClientProvider>
    ));
    expect(client).toBe(app);
    expect(client).not.toBe(fallback);
  });

  it('is one shared client in the browser, for every component and render', () => {
    const hook = renderHook(() => useQueryClientOrFallback());
    const first = hook.result.current;
    hook.rerender();
    expect(hook.result.current).toBe(first);
    expect(clientInBrowser()).toBe(first);
    hook.unmount();
    expect(clientInBrowser()).toBe(first);
    expect(first).toBeInstanceOf(QueryClient);
  });

  it('is a new client on each server render, never the browser one', () => {
    const browser = clientInBrowser();
    const first = clientOnServer();
    const second = clientOnServer();
    expect(first).toBeInstanceOf(QueryClient);
    expect(second).not.toBe(first);
    expect(first).not.toBe(browser);
    expect(second).not.toBe(browser);
  });

  it("mounts the browser's client (focus refetches reach it), never a server one", async () => {
    const browser = clientInBrowser();
    const server = clientOnServer();
    const browserFocus = vi.spyOn(browser.getQueryCache(), 'onFocus');
    const serverFocus = vi.spyOn(server.getQueryCache(), 'onFocus');
    refocus();
    await vi.waitFor(() => expect(browserFocus).toHaveBeenCalledTimes(1));
    expect(serverFocus).not.toHaveBeenCalled();
  });
});
