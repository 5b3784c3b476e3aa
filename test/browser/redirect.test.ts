import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { testChannel } from './helpers';

const origin = inject('providerOrigin');
let channel: ReturnType<typeof testChannel>;
let frame: HTMLIFrameElement | undefined;

/** What the harness pages report (app.ts, callback.ts). */
interface Report {
  status?: string;
  href: string;
  outcome?: Record<string, unknown>;
  flow?: { provider: string; mode: string; state: string; sessionId?: string; returnTo: string };
}

afterEach(() => {
  channel.close();
  frame?.remove();
});

/**
 * Loads the app page in an iframe, so a redirect leaves the frame and not the test page.
 * Sandboxed without `allow-popups`, Chromium really blocks `window.open` (it returns null and
 * logs "Blocked opening ... sandboxed frame"), which Playwright's --disable-popup-blocking
 * does not lift.
 */
function app(query: Record<string, string>, sandboxed: boolean) {
  channel = testChannel();
  frame = document.createElement('iframe');
  if (sandboxed) frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  frame.src = `/test/browser/app.html?${new URLSearchParams({ providers: origin, ...query })}`;
  document.body.append(frame);
  return (kind: string) =>
    vi.waitFor(
      () => {
        const message = channel.find(kind);
        expect(message).toBeDefined();
        return message as unknown as Report;
      },
      { timeout: 8000 },
    );
}

describe('blocked popup (sandboxed frame: window.open returns null)', () => {
  it('popup mode reports popup_blocked and stays on the page', async () => {
    const report = app({ provider: 'gigs', mode: 'popup' }, true);
    const { outcome } = await report('outcome');
    expect(outcome).toMatchObject({ screen: 'error', code: 'popup_blocked' });
    expect(frame?.contentWindow?.location.pathname).toBe('/test/browser/app.html');
  });

  it('auto mode falls back to a full-page redirect and comes back verified', async () => {
    const report = app({ provider: 'gigs', mode: 'auto' }, true);
    expect(await report('opened')).toMatchObject({ status: 'launching' });
    const back = await report('redirected');
    expect(back.flow).toMatchObject({ provider: 'gigs', mode: 'redirect' });
    const { sessionId, returnTo } = back.flow!;
    expect(sessionId).toMatch(/^csn_/);
    expect(returnTo).toMatch(/^\/test\/browser\/app\.html\?providers=/);
    expect(back.outcome).toMatchObject({ provider: 'gigs', screen: 'success', sessionId });
    expect(channel.find('outcome')).toBeUndefined();
  });
});

describe('full redirect round trip', () => {
  it.each([
    ['success', 'success', undefined],
    ['user_failed', 'retry', 'user_failed'],
  ])(
    'Emerge %s: signed link with our state, back on the callback, state verified',
    async (auto, screen, code) => {
      const report = app({ provider: 'emerge', mode: 'redirect', auto }, false);
      const back = await report('redirected');
      const { state } = back.flow!;
      expect(state).toMatch(/^[\w-]{43}$/);
      expect(new URL(back.href).searchParams.get('state')).toBe(state);
      expect(back.outcome).toMatchObject({ provider: 'emerge', screen, code });
    },
  );
});
