import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import {
  createConnectFlow,
  emerge,
  gigs,
  zapier,
  type AnyProviderAdapter,
  type ConnectOptions,
  type ProviderAdapter,
  type ZapierLaunch,
} from '../../src/core/index';
import { emergeLink, gigsSession, zapierToken } from './backend';
import {
  callbackUrl,
  providerPageShown,
  showsProviderPage,
  testChannel,
  trackPopups,
} from './helpers';

const origin = inject('providerOrigin');
let popups: ReturnType<typeof trackPopups>;
let channel: ReturnType<typeof testChannel>;

beforeEach(() => {
  popups = trackPopups();
  channel = testChannel();
});
afterEach(() => {
  popups.restore();
  channel.close();
  sessionStorage.clear();
});

/** Zapier itself, plus the mock page's own control parameters (`auto`, `autoDelay`, `coop`). */
const zapierWith = (controls: string): ProviderAdapter<ZapierLaunch> => ({
  ...zapier,
  launchUrl: (launch, context) => `${zapier.launchUrl(launch, context)}&${controls}`,
});

function start<A extends AnyProviderAdapter>(options: ConnectOptions<A>) {
  const spies = {
    onSuccess: vi.fn(),
    onError: vi.fn(),
    onCancel: vi.fn(),
    onOutcome: vi.fn(),
  };
  const flow = createConnectFlow({ ...spies, redirectUri: callbackUrl(), ...options });
  flow.open();
  const outcome = async () => {
    await vi.waitFor(() => expect(spies.onOutcome).toHaveBeenCalled(), { timeout: 8000 });
    return spies.onOutcome.mock.calls[0]?.[0];
  };
  return { flow, spies, outcome };
}

describe('Zapier popup in Chromium (mock Connect UI on another origin)', () => {
  it('authenticationSuccess from the popup is a success with a string connection id', async () => {
    const { flow, spies, outcome } = start({
      provider: zapierWith('auto=success'),
      launch: () => zapierToken(origin, 'SlackAPI'),
    });
    expect(popups.calls()).toBe(1);
    expect(await outcome()).toMatchObject({ provider: 'zapier', screen: 'success' });
    expect(spies.onSuccess.mock.calls[0]?.[0].authenticationId).toMatch(/^\d+$/);
    expect(flow.getSnapshot().status).toBe('success');
    await vi.waitFor(() => expect(popups.opened[0]?.closed).toBe(true));
  });

  it.each([
    ['access_denied', 'retry'],
    ['server_error', 'error'],
  ])('authenticationError %s is the %s screen', async (error, screen) => {
    const { spies, outcome } = start({
      provider: zapierWith(`auto=${error}`),
      launch: () => zapierToken(origin, 'SlackAPI'),
    });
    expect(await outcome()).toMatchObject({ screen, code: error });
    expect(spies.onError).toHaveBeenCalledTimes(1);
  });

  it('ignores a message from the wrong origin and one from another window', async () => {
    const seen: { authId: unknown; origin: string; status: string }[] = [];
    let launchContext: Parameters<typeof zapier.launchUrl>[1] | undefined;
    // No `auto`: the flow's own Connect UI waits until both stray messages have been seen.
    const provider: ProviderAdapter<ZapierLaunch> = {
      ...zapier,
      launchUrl: (launch, context) => zapier.launchUrl(launch, (launchContext = context)),
    };
    const started = start({
      provider,
      launch: () => zapierToken(origin, 'SlackAPI'),
    });
    const flow = started.flow;
    const record = (event: MessageEvent) =>
      seen.push({
        authId: (event.data as { authId?: unknown }).authId,
        origin: event.origin,
        status: flow.getSnapshot().status,
      });
    window.addEventListener('message', record);
    await vi.waitFor(() => expect(flow.getSnapshot().status).toBe('open'));
    // Another window on the Connect origin: a second Connect UI that succeeds at once.
    const decoy = await zapierToken(origin, 'SlackAPI', { reconnectId: '999' });
    window.open(
      zapier.launchUrl(decoy, { state: '', redirectUri: '', mode: 'popup' }) + '&auto=success',
    );
    // The right message shape from the wrong origin (this page).
    window.postMessage({ type: 'authenticationSuccess', authId: 555 }, location.origin);
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 8000 });
    expect(seen).toContainEqual({ authId: 999, origin, status: 'open' });
    expect(seen).toContainEqual({ authId: 555, origin: location.origin, status: 'open' });
    // Only now does the flow's own popup answer, from a fresh Connect UI session.
    const fresh = await zapierToken(origin, 'SlackAPI');
    popups.opened[0]!.location.href = `${zapier.launchUrl(fresh, launchContext!)}&auto=success`;
    const outcome = await started.outcome();
    window.removeEventListener('message', record);
    expect(outcome).toMatchObject({ screen: 'success' });
    expect(outcome.authenticationId).not.toMatch(/^(999|555)$/);
    expect(started.spies.onOutcome).toHaveBeenCalledTimes(1);
  });

  it('the popup closing on the provider page is cancelled', async () => {
    const { spies, outcome } = start({
      provider: zapier,
      launch: () => zapierToken(origin, 'SlackAPI'),
    });
    await vi.waitFor(() => expect(showsProviderPage(popups.opened[0]!)).toBe(true));
    // No wait: Zapier's result needs the opener, so any closed handle ends the flow.
    popups.opened[0]!.close();
    expect(await outcome()).toMatchObject({ code: 'cancelled' });
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
    expect(spies.onError).not.toHaveBeenCalled();
  });
});

describe('Gigs and Emerge popups relayed by the callback page', () => {
  it('Gigs without COOP: relayed by BroadcastChannel and opener.postMessage', async () => {
    let launched = '';
    const { spies, outcome } = start({
      provider: gigs,
      launch: async (context) => {
        const session = await gigsSession(origin, context, { auto: 'success' });
        launched = session.id ?? '';
        return session;
      },
    });
    expect(await outcome()).toMatchObject({
      provider: 'gigs',
      screen: 'success',
      sessionId: launched,
    });
    expect(spies.onCancel).not.toHaveBeenCalled();
    // The popup started with a copy of this tab's sessionStorage: the flow context was there.
    // The page reports on the test channel after it relayed: that report may come second.
    await vi.waitFor(() =>
      expect(channel.find('relayed')).toMatchObject({
        hadOpener: true,
        flow: { provider: 'gigs', mode: 'popup' },
      }),
    );
    // The opener's receipt reached the popup, which then closed itself.
    await vi.waitFor(() => expect(channel.find('receipt')).toMatchObject({ taken: true }));
    await vi.waitFor(() => expect(popups.opened[0]?.closed).toBe(true));
  });

  it.each([
    ['gigs', { coop: '1', auto: 'success', autoDelay: '1500' }],
    ['emerge', { auto: 'success', autoDelay: '1500' }], // the mock Emerge page sends COOP by default
  ] as const)(
    '%s with COOP same-origin: the handle reads closed, no false cancel, the relay arrives',
    async (provider, controls) => {
      const { flow, spies, outcome } = start({
        provider: provider === 'gigs' ? gigs : emerge,
        launch: (context) =>
          (provider === 'gigs' ? gigsSession : emergeLink)(origin, context, controls) as never,
      });
      await vi.waitFor(() => expect(popups.opened[0]?.closed).toBe(true));
      // Severed well before the provider page finishes (autoDelay): the flow keeps waiting.
      expect(flow.getSnapshot().status).toBe('open');
      const result = await outcome();
      expect(result).toMatchObject({ provider, screen: 'success' });
      if (provider === 'emerge') expect(result.uid).toMatch(/^psub_/);
      expect(spies.onCancel).not.toHaveBeenCalled();
      // Back on our origin the popup had no opener: only BroadcastChannel could deliver.
      await vi.waitFor(() =>
        expect(channel.find('relayed')).toMatchObject({
          hadOpener: false,
          flow: { provider, mode: 'popup' },
        }),
      );
    },
  );

  it('Gigs: the user closing the provider page is cancelled', async () => {
    const { spies, outcome } = start({
      provider: gigs,
      launch: (context) => gigsSession(origin, context),
    });
    await providerPageShown(popups.opened[0]!);
    popups.opened[0]!.close();
    expect(await outcome()).toMatchObject({ provider: 'gigs', code: 'cancelled' });
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
  });

  it('a severed flow still lets the app cancel with close()', async () => {
    const { flow, spies } = start({
      provider: emerge,
      launch: (context) => emergeLink(origin, context),
    });
    await vi.waitFor(() => expect(popups.opened[0]?.closed).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(flow.getSnapshot().status).toBe('open');
    flow.close();
    expect(spies.onCancel).toHaveBeenCalledTimes(1);
    expect(flow.getSnapshot().status).toBe('cancelled');
  });
});
