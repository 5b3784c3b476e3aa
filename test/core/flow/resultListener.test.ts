import { describe, expect, it, vi } from 'vitest';
import { zapier } from '../../../src/core/model/providers/zapier';
import { listenForMessages, type ListenContext } from '../../../src/core/flow/resultListener';
import { listenerFor } from '../../../src/core/flow/flowAttempt';
import { listenForRelay } from '../../../src/core/flow/relayListener';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { fakeFlowBrowser } from '../fakeFlowBrowser';

function listen(messageOrigin: string | undefined) {
  const fake = fakeFlowBrowser();
  const popup = {};
  const finish = vi.fn();
  const context: ListenContext = {
    adapter: zapier,
    browser: fake.browser,
    popup: () => popup as never,
    messageOrigin,
    expectation: { expectedState: 's' },
    flowId: 'f',
    relayKey: 'k',
    isOver: () => false,
    finish,
  };
  const stop = listenForMessages(context);
  return { ...fake, popup, finish, stop };
}

describe('listenForMessages', () => {
  it("finishes with the provider's message from its origin and our popup only", () => {
    const run = listen('https://connect.zapier.com');
    const data = { type: 'authenticationSuccess', authId: 5 };
    run.post(data, 'https://connect.zapier.com', {});
    run.post(data, 'https://evil.example', run.popup);
    expect(run.finish).not.toHaveBeenCalled();
    run.post(data, 'https://connect.zapier.com', run.popup);
    expect(run.finish.mock.calls[0]?.[0]).toMatchObject({
      screen: 'success',
      authenticationId: '5',
    });
  });

  it('listens to nothing useful without a message origin, and cleans up', () => {
    const run = listen(undefined);
    run.post({ type: 'authenticationSuccess', authId: 5 }, 'https://connect.zapier.com', run.popup);
    expect(run.finish).not.toHaveBeenCalled();
    run.stop();
    expect(run.listening()).toBe(0);
  });
});

describe('listenerFor', () => {
  it("picks the adapter's way back from its data: messages for Zapier, the relay for the others", async () => {
    expect(await listenerFor(zapier)).toBe(listenForMessages);
    expect(await listenerFor(gigs)).toBe(listenForRelay);
    expect(await listenerFor(emerge)).toBe(listenForRelay);
  });
});
