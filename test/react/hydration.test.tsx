// @vitest-environment node
import { JSDOM } from 'jsdom';
import { act, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveFlowRecord } from '../../src/core/browser/flowRecord';
import { summarize } from '../../src/core/model/outcomeSummary';
import { parseCallback } from '../../src/core/model/parseCallback';
import { gigs } from '../../src/core/model/providers/gigs';
import { zapier } from '../../src/core/model/providers/zapier';
import { CallbackScreen } from '../../src/react/CallbackScreen';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';
import { ExportStatus } from '../../src/react/ExportStatus';
import { useConnect } from '../../src/react/useConnect';

/*
 * Server rendering as a framework does it: `renderToString` in Node with no DOM, then the same
 * element hydrated in a browser-like window. Any mismatch (React 19 reports it to
 * `onRecoverableError`, React 18 to console.error) fails the test.
 */
const globalsOfTheWindow = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'sessionStorage',
  'localStorage',
  'HTMLElement',
  'Node',
  'Event',
  'MessageEvent',
  'MutationObserver',
  'BroadcastChannel',
] as const;
const installed: string[] = [];

function installWindow(url: string, html: string) {
  const dom = new JSDOM(`<!doctype html><html><body><div id="root">${html}</div></body></html>`, {
    url,
  });
  const scope = globalThis as Record<string, unknown>;
  for (const name of globalsOfTheWindow) {
    if (name in scope && name !== 'BroadcastChannel') continue;
    scope[name] =
      name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name];
    installed.push(name);
  }
  scope.IS_REACT_ACT_ENVIRONMENT = true;
  return dom.window.document.getElementById('root') as HTMLElement;
}

afterEach(() => {
  const scope = globalThis as Record<string, unknown>;
  for (const name of installed.splice(0)) delete scope[name];
});

/** Server HTML, then hydration; returns the container and every hydration complaint. */
async function serverThenHydrate(element: ReactNode, url: string, before?: () => void) {
  expect(typeof window).toBe('undefined');
  const html = renderToString(element);
  const container = installWindow(url, html);
  before?.();
  const complaints: unknown[] = [];
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => {
    complaints.push(args.map(String).join(' '));
  });
  let root: ReturnType<typeof hydrateRoot> | undefined;
  await act(async () => {
    root = hydrateRoot(container, element, {
      onRecoverableError: (error) => complaints.push(error),
    });
  });
  consoleError.mockRestore();
  return { html, container, complaints, unmount: () => act(() => root?.unmount()) };
}

describe('the harness', () => {
  it('catches a mismatch (a component that reads the window while rendering)', async () => {
    function ReadsTheWindow() {
      return <p>{typeof window === 'undefined' ? 'server' : 'browser'}</p>;
    }
    const result = await serverThenHydrate(<ReadsTheWindow />, 'https://app.example/');
    expect(result.complaints.length).toBeGreaterThan(0);
    await result.unmount();
  });
});

describe('hydration without a mismatch', () => {
  it('ConnectCallbackPage with no url: pending on the server, the screen right after hydration', async () => {
    const url = 'https://app.example/connect/callback?session_id=csn_1&status=success';
    const result = await serverThenHydrate(<ConnectCallbackPage />, url, () => {
      saveFlowRecord({
        provider: 'gigs',
        mode: 'redirect',
        state: 's',
        sessionId: 'csn_1',
        expiresAt: Date.now() + 60_000,
      });
    });
    expect(result.html).toContain('data-state="pending"');
    expect(result.complaints).toEqual([]);
    expect(result.container.querySelector('[data-state]')?.getAttribute('data-state')).toBe(
      'success',
    );
    await result.unmount();
  });

  it('ConnectCallbackPage with the url the server had: the final screen from the first byte', async () => {
    const url = 'https://app.example/connect/callback?session_id=csn_1&status=user_aborted';
    const result = await serverThenHydrate(<ConnectCallbackPage url={url} />, url);
    expect(result.html).toContain('data-state="retry"');
    expect(result.complaints).toEqual([]);
    await result.unmount();
  });

  it('ConnectCallbackPage with a server-verified outcome renders it on both sides', async () => {
    const verified = summarize(
      parseCallback('?session_id=c&status=success', { provider: gigs, expectedSessionId: 'c' }),
    );
    const url = 'https://app.example/connect/callback';
    const result = await serverThenHydrate(<ConnectCallbackPage verified={verified} />, url);
    expect(result.html).toContain('data-state="success"');
    expect(result.complaints).toEqual([]);
    await result.unmount();
  });

  it('CallbackScreen', async () => {
    const outcome = parseCallback('?error=access_denied', { provider: zapier, expectedState: 's' });
    const result = await serverThenHydrate(
      <CallbackScreen outcome={outcome} />,
      'https://app.example/',
    );
    expect(result.html).toContain('data-provider="zapier"');
    expect(result.complaints).toEqual([]);
    await result.unmount();
  });

  it('a component with useConnect', async () => {
    function Connect() {
      const { status, open } = useConnect({
        provider: zapier,
        launch: () => new Promise<never>(() => {}),
      });
      return (
        <button type="button" onClick={open} data-status={status}>
          Connect
        </button>
      );
    }
    const result = await serverThenHydrate(<Connect />, 'https://app.example/');
    expect(result.html).toContain('data-status="idle"');
    expect(result.complaints).toEqual([]);
    await result.unmount();
  });

  it('ExportStatus', async () => {
    const endpoint = () => new Promise<never>(() => {});
    const result = await serverThenHydrate(
      <ExportStatus endpoint={endpoint} providers={['gmail']} />,
      'https://app.example/',
    );
    expect(result.html).toContain('data-state="polling"');
    expect(result.complaints).toEqual([]);
    await result.unmount();
  });
});
