import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import {
  createConnectFlow,
  zapier,
  type ProviderAdapter,
  type ZapierLaunch,
} from '../../src/core/index';
import { zapierToken } from './backend';
import { callbackUrl, showsProviderPage, trackPopups } from './helpers';

/*
 * Prints (does not assert) how long the flow takes to react in Chromium:
 *   npx vitest run --project browser test/browser/timings.test.ts
 * message → onSuccess: from the provider's `postMessage` event reaching this window (a
 * listener registered before the flow's) to `onSuccess`.
 * close → onCancel: from `popup.close()` on the provider page to `onCancel` (polling: 100 ms
 * interval, two closed reads in a row).
 */
const origin = inject('providerOrigin');
const runs = 7;
let popups: ReturnType<typeof trackPopups>;

beforeEach(() => {
  popups = trackPopups();
});
afterEach(() => popups.restore());

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const report = (name: string, values: number[]) =>
  console.log(
    `[timing] ${name}: median ${median(values).toFixed(1)} ms over ${values.length} runs (${values.map((v) => v.toFixed(1)).join(', ')})`,
  );

function flow(provider: ProviderAdapter<ZapierLaunch>) {
  let done = 0;
  const instance = createConnectFlow({
    provider,
    redirectUri: callbackUrl(),
    launch: () => zapierToken(origin, 'SlackAPI'),
    onOutcome: () => (done = performance.now()),
  });
  instance.open();
  return { instance, done: () => vi.waitFor(() => (expect(done).toBeGreaterThan(0), done)) };
}

describe('timings (printed, not asserted)', () => {
  it('message → onSuccess', async () => {
    const autoSuccess = {
      ...zapier,
      launchUrl: (launch, context) => `${zapier.launchUrl(launch, context)}&auto=success`,
    } satisfies ProviderAdapter<ZapierLaunch>;
    const values: number[] = [];
    for (let run = 0; run < runs; run++) {
      let received = 0;
      const onMessage = (event: MessageEvent) => {
        if (event.origin === origin) received = performance.now();
      };
      window.addEventListener('message', onMessage);
      const { instance, done } = flow(autoSuccess);
      const end = await done();
      window.removeEventListener('message', onMessage);
      expect(instance.getSnapshot().status).toBe('success');
      values.push(end - received);
    }
    report('message → onSuccess', values);
  });

  it('close → onCancel', async () => {
    const values: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { instance, done } = flow(zapier);
      const popup = popups.opened.at(-1)!;
      await vi.waitFor(() => expect(showsProviderPage(popup)).toBe(true));
      const closed = performance.now();
      popup.close();
      const end = await done();
      expect(instance.getSnapshot().status).toBe('cancelled');
      values.push(end - closed);
    }
    report('close → onCancel', values);
  });
});
