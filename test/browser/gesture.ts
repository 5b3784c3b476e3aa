import './harnessPage';
import { createConnectFlow, gigs, zapier, type ConnectOptions } from '../../src/core/index';
import type { LaunchContext, ProviderAdapter, ZapierLaunch } from '../../src/core/index';
import { gigsSession, zapierToken } from './backend';

/*
 * The page popup-blocker.ts drives in a Chromium whose popup blocker is on. Results go to the
 * console (`rcf:<name>=<value>`): reading them with page.evaluate would hand the page a user
 * gesture and unblock popups.
 */
const query = new URLSearchParams(location.search);
const origin = query.get('providers') ?? '';
const delay = Number(query.get('delay') ?? 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (name: string, value: unknown) => console.log(`rcf:${name}=${String(value)}`);
const autoZapier: ProviderAdapter<ZapierLaunch> = {
  ...zapier,
  launchUrl: (launch, context) => `${zapier.launchUrl(launch, context)}&auto=success`,
};

function start(
  name: string,
  options: Pick<ConnectOptions, 'provider' | 'mode'> & {
    launch: (context: LaunchContext) => Promise<never>;
  },
) {
  const flow = createConnectFlow({
    ...options,
    redirectUri: new URL('./callback.html', location.href).href,
    onOutcome: (outcome) => say(name, outcome.code ?? outcome.screen),
  });
  flow.open();
  say(`${name}:status`, flow.getSnapshot().status);
}

// A launch slower than Chromium's transient user activation: only a synchronous open survives.
document.getElementById('connect')!.onclick = () =>
  start('click', {
    provider: autoZapier as never,
    mode: 'popup',
    launch: async () => (await sleep(delay), zapierToken(origin, 'SlackAPI')) as never,
  });
document.getElementById('naive')!.onclick = async () => {
  await sleep(delay);
  say('naive', window.open('about:blank') ? 'opened' : 'blocked');
};

// No gesture at all: a timer calls open().
const mode = { 'timer-popup': 'popup', 'timer-auto': 'auto' }[query.get('case') ?? ''];
if (mode === 'popup' || mode === 'auto') {
  setTimeout(() =>
    start('timer', {
      provider: gigs,
      mode,
      launch: ((context: LaunchContext) =>
        gigsSession(origin, context, { auto: 'success' })) as never,
    }),
  );
}
