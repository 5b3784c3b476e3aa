import { describe, expect, it, vi } from 'vitest';
import { relaysFor, relayToOpener } from '../../../src/core/page/callbackRelay';
import type { CallbackBrowser } from '../../../src/core/browser/callbackBrowser';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';
import { relayChannelName } from '../../../src/core/wire/protocol';
import { openPayload } from '../../../src/core/browser/relaySeal';

const outcome = parseCallback('?session_id=c&status=user_aborted', { provider: gigs });
const popupFlow = {
  provider: 'gigs',
  mode: 'popup' as const,
  state: 's',
  flowId: 'f',
  relayKey: 'r'.repeat(43),
  expiresAt: 0,
};

describe('relaysFor', () => {
  it("relays only a useConnect popup's flow of the same provider, with its key", () => {
    expect(relaysFor(popupFlow, outcome)).toBe(true);
    expect(relaysFor({ ...popupFlow, mode: 'redirect' }, outcome)).toBe(false);
    expect(relaysFor({ ...popupFlow, provider: 'emerge' }, outcome)).toBe(false);
    expect(relaysFor({ ...popupFlow, relayKey: undefined }, outcome)).toBe(false);
    expect(relaysFor(undefined, outcome)).toBe(false);
  });
});

describe('relayToOpener', () => {
  it('seals the payload with the flow key and names the flow', async () => {
    const heard: { iv: string; sealed: string; flowId: string }[] = [];
    const opener = new BroadcastChannel(relayChannelName);
    opener.onmessage = (event) => heard.push(event.data as (typeof heard)[number]);
    const browser = {
      relayWindow: {
        location: { origin: 'https://app.example' },
        opener: null,
        addEventListener: () => {},
        removeEventListener: () => {},
      },
    } as unknown as CallbackBrowser;
    relayToOpener(
      browser,
      popupFlow,
      { provider: 'gigs', params: outcome.params, sentAt: Date.now() },
      vi.fn(),
    );
    await vi.waitFor(() => expect(heard).toHaveLength(1));
    opener.close();
    expect(heard[0]?.flowId).toBe('f');
    expect((await openPayload(heard[0]!, popupFlow.relayKey))?.params).toEqual(outcome.params);
  });
});
