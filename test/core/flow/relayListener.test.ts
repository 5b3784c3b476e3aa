import { describe, expect, it, vi } from 'vitest';
import { randomBase64Url } from '../../../src/core/shared/crypto';
import { summarize, verifiedOutcome } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';
import { listenForRelay } from '../../../src/core/flow/relayListener';
import { sealPayload, type RelayPayload } from '../../../src/core/browser/relaySeal';
import type { ListenContext } from '../../../src/core/flow/resultListener';
import { appOrigin, fakeFlowBrowser } from '../fakeFlowBrowser';

const relayKey = randomBase64Url(32);

function listen() {
  const fake = fakeFlowBrowser();
  const popup = { postMessage: vi.fn() };
  const finish = vi.fn();
  const context: ListenContext = {
    adapter: gigs,
    browser: fake.browser,
    popup: () => popup as never,
    messageOrigin: undefined,
    expectation: { expectedState: 's', expectedSessionId: 'csn_1' },
    flowId: 'flow-1',
    relayKey,
    isOver: () => false,
    finish,
  };
  const stop = listenForRelay(context);
  return { ...fake, popup, finish, stop };
}

const relay = async (
  payload: Omit<RelayPayload, 'sentAt'>,
  flowId = 'flow-1',
  sentAt = Date.now(),
) => ({
  type: 'rcf:callback',
  flowId,
  ...(await sealPayload({ ...payload, sentAt }, relayKey)),
});

describe('listenForRelay', () => {
  it('decides relayed parameters against the flow, and acknowledges with a summary', async () => {
    const run = listen();
    run.broadcast(
      await relay({ provider: 'gigs', params: { session_id: 'csn_1', status: 'success' } }),
    );
    await vi.waitFor(() => expect(run.finish).toHaveBeenCalledOnce());
    const outcome = run.finish.mock.calls[0]?.[0] as Parameters<typeof summarize>[0];
    expect(outcome).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
    expect(run.channelPosts).toEqual([
      { type: 'rcf:ack', flowId: 'flow-1', summary: summarize(outcome) },
    ]);
  });

  it('takes a server-verified outcome as it is', async () => {
    const run = listen();
    const verified = verifiedOutcome(
      parseCallback('?session_id=csn_9&status=success', {
        provider: gigs,
        expectedSessionId: 'csn_9',
      }),
    );
    run.post(await relay({ provider: 'gigs', params: {}, verified }), appOrigin, run.popup);
    await vi.waitFor(() => expect(run.finish).toHaveBeenCalledOnce());
    expect(run.finish.mock.calls[0]?.[0]).toMatchObject({ sessionId: 'csn_9', verified: true });
    expect(run.popup.postMessage).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'rcf:ack' }),
      appOrigin,
    );
  });

  it('leaves a relay older than the accept window to the popup (an opener that woke up late)', async () => {
    const run = listen();
    const params = { session_id: 'csn_1', status: 'success' };
    run.broadcast(await relay({ provider: 'gigs', params }, 'flow-1', Date.now() - 1500));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.finish).not.toHaveBeenCalled();
  });

  it("ignores another flow's relay and another provider's, and cleans up", async () => {
    const run = listen();
    run.broadcast(await relay({ provider: 'gigs', params: {} }, 'flow-2'));
    run.broadcast(await relay({ provider: 'emerge', params: {} }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.finish).not.toHaveBeenCalled();
    run.stop();
    expect(run.listening()).toBe(0);
  });
});
