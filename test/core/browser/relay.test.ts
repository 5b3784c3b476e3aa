import { afterEach, describe, expect, it, vi } from 'vitest';
import { summarize } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';
import {
  isRelayAck,
  isRelayMessage,
  relayCallback,
  type RelayMessage,
  type RelayWindow,
} from '../../../src/core/browser/relay';
import { relayChannelName } from '../../../src/core/wire/protocol';

const origin = 'https://app.example';
const message: RelayMessage = { type: 'rcf:callback', flowId: 'flow-1', iv: 'iv', sealed: 'x' };
const summary = summarize(
  parseCallback('?session_id=c&status=user_aborted', { provider: gigs, expectedSessionId: 'c' }),
);

function popupWindow(opener: RelayWindow['opener']) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const win: RelayWindow = {
    location: { origin },
    opener,
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  const receive = (data: unknown, from = origin) => {
    for (const listener of [...listeners]) listener({ data, origin: from } as MessageEvent);
  };
  return { win, receive, listeners };
}

const channels: BroadcastChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
  vi.useRealTimers();
});

describe('relay messages', () => {
  it('recognises only our relay shape and receipts for the named flow', () => {
    expect(isRelayMessage(message)).toBe(true);
    expect(isRelayMessage({ ...message, flowId: 1 })).toBe(false);
    expect(isRelayMessage({ type: 'rcf:callback', provider: 'gigs', query: 'a=b' })).toBe(false);
    expect(isRelayMessage(null)).toBe(false);
    const ack = { type: 'rcf:ack', flowId: 'flow-1', summary };
    expect(isRelayAck(ack, 'flow-1')).toBe(true);
    expect(isRelayAck(ack, 'flow-2')).toBe(false);
    expect(isRelayAck({ ...ack, summary: { screen: 'success' } }, 'flow-1')).toBe(false);
  });
});

describe('relayCallback', () => {
  it('posts to the opener with our exact origin (never "*") and on the channel', async () => {
    const opener = { postMessage: vi.fn() };
    const heard: unknown[] = [];
    const listener = new BroadcastChannel(relayChannelName);
    channels.push(listener);
    listener.onmessage = (event) => heard.push(event.data);
    const { win } = popupWindow(opener);
    const cleanup = relayCallback(message, () => {}, win, 50);
    expect(opener.postMessage).toHaveBeenCalledWith(message, origin);
    await vi.waitFor(() => expect(heard).toEqual([message]));
    cleanup();
  });

  it("settles with the opener's summary once a receipt for this flow comes", async () => {
    const { win, receive, listeners } = popupWindow(null);
    const done = vi.fn();
    relayCallback(message, done, win, 5000);
    receive({ type: 'rcf:ack', flowId: 'flow-1', summary }, 'https://evil.example');
    receive({ type: 'rcf:ack', flowId: 'other', summary });
    expect(done).not.toHaveBeenCalled();
    receive({ type: 'rcf:ack', flowId: 'flow-1', summary });
    expect(done).toHaveBeenCalledWith(summary);
    expect(listeners.size).toBe(0);
  });

  it('a receipt over the channel counts too', async () => {
    const { win } = popupWindow(null);
    const done = vi.fn();
    const opener = new BroadcastChannel(relayChannelName);
    channels.push(opener);
    opener.onmessage = () => opener.postMessage({ type: 'rcf:ack', flowId: 'flow-1', summary });
    relayCallback(message, done, win, 5000);
    await vi.waitFor(() => expect(done).toHaveBeenCalledWith(summary));
  });

  it('without a receipt it gives up after the wait: the page handles the callback itself', () => {
    vi.useFakeTimers();
    const { win } = popupWindow({ postMessage: () => {} });
    const done = vi.fn();
    relayCallback(message, done, win, 1500);
    vi.advanceTimersByTime(1499);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledWith(undefined);
  });

  it('survives an opener that throws (cross-origin or closed)', () => {
    const opener = {
      postMessage: () => {
        throw new Error('SecurityError');
      },
    };
    const { win } = popupWindow(opener);
    expect(() => relayCallback(message, () => {}, win, 10)()).not.toThrow();
  });
});
