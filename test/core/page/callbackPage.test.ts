import { describe, expect, it, vi } from 'vitest';
import {
  CallbackPage,
  scrubbedAddress,
  type CallbackBrowser,
} from '../../../src/core/page/callbackPage';
import {
  readFlowRecord,
  saveFlowRecord,
  type FlowRecord,
} from '../../../src/core/browser/flowRecord';
import { summarize, type VerifiedOutcome } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { builtInProviders } from '../../../src/core/model/providers/index';
import { zapier } from '../../../src/core/model/providers/zapier';
import { relayChannelName } from '../../../src/core/wire/protocol';
import { openPayload } from '../../../src/core/browser/relaySeal';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import { appOrigin, memoryStorage } from '../fakeFlowBrowser';

const uid = 'psub_d4e5f6789012345678901234abcdef01';

function fakeCallbackBrowser(
  href: string,
  flow?: Partial<FlowRecord>,
  verifiedResult?: VerifiedOutcome,
) {
  const storage = memoryStorage();
  if (flow) {
    const context = {
      provider: 'gigs',
      mode: 'redirect',
      state: 's1',
      expiresAt: Date.now() + 60_000,
    };
    saveFlowRecord({ ...context, ...flow } as FlowRecord, storage);
  }
  let state: unknown = null;
  let address = href;
  const browser = {
    href: () => address,
    historyState: () => state,
    replaceHistory: vi.fn((next: unknown, url: string) => {
      state = next;
      address = url;
    }),
    storage,
    closeWindow: vi.fn(),
    relayWindow: {
      location: { origin: appOrigin },
      opener: null,
      addEventListener: () => {},
      removeEventListener: () => {},
    },
    after: (_ms: number, run: () => void) => void run(),
    fetchResult: vi.fn(async () => verifiedResult),
  } satisfies CallbackBrowser;
  return { browser, address: () => address, state: () => state };
}

function openPage(
  href: string,
  flow?: Partial<FlowRecord>,
  options = {},
  verifiedResult?: VerifiedOutcome,
) {
  const fake = fakeCallbackBrowser(href, flow, verifiedResult);
  const page = new CallbackPage({ providers: builtInProviders, ...options }, () => fake.browser);
  const callbacks = { onOutcome: vi.fn(), onSuccess: vi.fn() };
  return { ...fake, page, callbacks, settle: () => page.settle(() => callbacks) };
}

describe('CallbackPage: the trust model at the page', () => {
  it('a Gigs success for the session this tab launched: success, then onSuccess once', () => {
    const run = openPage(`${appOrigin}/cb?session_id=csn_1&status=success`, { sessionId: 'csn_1' });
    expect(run.page.getSnapshot().outcome).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
    run.settle();
    run.settle();
    expect(run.callbacks.onSuccess).toHaveBeenCalledOnce();
    expect(run.callbacks.onOutcome).toHaveBeenCalledOnce();
  });

  it('a crafted link with no flow stored is never a success (Gigs, Zapier, Emerge)', () => {
    for (const query of [
      '?session_id=csn_attacker&status=success',
      '?authentication_id=666&service=SlackAPI',
      `?status=success&state=abc&uid=${uid}`,
    ]) {
      const run = openPage(`${appOrigin}/connect/callback${query}`);
      run.settle();
      expect(run.page.getSnapshot().outcome).toMatchObject({
        screen: 'error',
        code: 'unsolicited_callback',
        message: sharedMessages.unsolicited_callback,
      });
      expect(run.callbacks.onSuccess).not.toHaveBeenCalled();
    }
  });

  it('a Zapier redirect success needs a fresh Zapier flow stored in this tab', () => {
    const href = `${appOrigin}/cb?authentication_id=666&service=SlackAPI`;
    const fresh = openPage(href, { provider: 'zapier', state: 's1' });
    expect(fresh.page.getSnapshot().outcome?.screen).toBe('success');
    const stale = openPage(href, { provider: 'zapier', expiresAt: Date.now() - 1 });
    expect(stale.page.getSnapshot().outcome?.code).toBe('unsolicited_callback');
    const otherProvider = openPage(href, { provider: 'gigs', sessionId: 'csn_1' });
    expect(otherProvider.page.getSnapshot().outcome?.screen).not.toBe('success');
  });

  it('a flow is consumed once: a replay in the same tab is unsolicited', () => {
    const href = `${appOrigin}/cb?session_id=csn_1&status=success`;
    const first = openPage(href, { sessionId: 'csn_1' });
    first.settle();
    expect(readFlowRecord(first.browser.storage)).toBeUndefined();
    const replay = new CallbackPage({ providers: builtInProviders }, () => ({
      ...first.browser,
      historyState: () => null,
      href: () => href,
    }));
    expect(replay.getSnapshot().outcome?.code).toBe('unsolicited_callback');
  });

  it('the app vouches with expectedState for a flow it started itself', () => {
    const href = `${appOrigin}/cb?status=success&state=mine&uid=${uid}`;
    const run = openPage(href, undefined, { expectedState: 'mine' });
    expect(run.page.getSnapshot().outcome).toMatchObject({ screen: 'success', uid });
  });
});

describe('CallbackPage: the address bar and history', () => {
  it("scrubs only the provider's parameters, keeping the app's (even a same-named one) and the hash", () => {
    const href = `${appOrigin}/cb?uid=app&error=connectSessionFailed&session_id=csn_1&status=success#top`;
    const run = openPage(href, { sessionId: 'csn_1' });
    run.settle();
    expect(run.address()).toBe(`${appOrigin}/cb?uid=app&error=connectSessionFailed#top`);
  });

  it('remembers the screen, without identifiers, for a reload or a remount: never acted on twice', () => {
    const run = openPage(`${appOrigin}/cb?session_id=csn_1&status=success`, { sessionId: 'csn_1' });
    run.settle();
    expect(JSON.stringify(run.state())).not.toContain('csn_1');
    const again = new CallbackPage({ providers: builtInProviders }, () => run.browser);
    const callbacks = { onSuccess: vi.fn() };
    expect(again.getSnapshot().outcome).toMatchObject({ screen: 'success', provider: 'gigs' });
    again.settle(() => callbacks);
    expect(callbacks.onSuccess).not.toHaveBeenCalled();
  });

  it('leaves an unrecognisable address alone', () => {
    const run = openPage(`${appOrigin}/cb?page=2`);
    run.settle();
    expect(run.address()).toBe(`${appOrigin}/cb?page=2`);
    expect(run.page.getSnapshot().outcome?.code).toBe('missing_params');
  });

  it('scrubbedAddress keeps a URL without a query as it is', () => {
    expect(scrubbedAddress(`${appOrigin}/cb#x`, gigs.params)).toBe(`${appOrigin}/cb#x`);
  });
});

describe('CallbackPage: server rendering and hydration', () => {
  it('renders nothing yet on a server without a url, and the same while hydrating', () => {
    const page = new CallbackPage({ providers: builtInProviders }, () => {
      throw new Error('a server has no browser');
    });
    expect(page.getServerSnapshot().outcome).toBeUndefined();
    expect(page.getServerSnapshot()).toBe(page.getServerSnapshot());
  });

  it('with a url, a failure renders on the server; a success waits for the browser', () => {
    const noBrowser = () => {
      throw new Error('no browser');
    };
    const failure = new CallbackPage(
      { providers: builtInProviders, url: '/cb?session_id=c&status=user_aborted' },
      noBrowser,
    );
    expect(failure.getServerSnapshot().outcome).toMatchObject({ code: 'user_aborted' });
    const success = new CallbackPage(
      { providers: builtInProviders, url: '/cb?session_id=c&status=success' },
      noBrowser,
    );
    expect(success.getServerSnapshot().outcome).toBeUndefined();
  });

  it('a verified outcome from the server renders as it is, on the server and in the browser', () => {
    const verified = summarize(
      parseCallback(`?status=reauthorized&state=s&uid=${uid}`, {
        provider: emerge,
        expectedState: 's',
      }),
    );
    const run = openPage(`${appOrigin}/connect/callback`, undefined, { verified });
    expect(run.page.getServerSnapshot().outcome).toMatchObject({
      screen: 'success',
      reconnected: true,
    });
    expect(run.page.getSnapshot().outcome?.message).toBe(sharedMessages.reconnected);
    run.settle();
    expect(run.callbacks.onSuccess).toHaveBeenCalledOnce();
  });
});

describe('CallbackPage: in a useConnect popup', () => {
  it('shows nothing until the relay settles, and relays only the provider parameters, sealed', async () => {
    const relayKey = 'k'.repeat(43);
    const href = `${appOrigin}/cb?from=app&session_id=csn_1&status=success`;
    const run = openPage(href, { mode: 'popup', flowId: 'f1', relayKey });
    expect(run.page.getSnapshot().outcome).toBeUndefined();
    const heard: unknown[] = [];
    const opener = new BroadcastChannel(relayChannelName);
    opener.onmessage = (event) => {
      heard.push(event.data);
      const ack = summarize(
        parseCallback('?session_id=csn_1&status=success', {
          provider: gigs,
          expectedSessionId: 'csn_1',
        }),
      );
      opener.postMessage({ type: 'rcf:ack', flowId: 'f1', summary: ack });
    };
    run.settle();
    await vi.waitFor(() => expect(run.browser.closeWindow).toHaveBeenCalled());
    opener.close();
    const relay = heard[0] as { iv: string; sealed: string };
    expect(JSON.stringify(relay)).not.toContain('csn_1');
    const opened = await openPayload(relay, relayKey);
    expect(opened?.provider).toBe('gigs');
    // Only the provider's parameters: the app's own `from=app` stays in the popup.
    expect(opened?.params).toEqual({ session_id: 'csn_1', status: 'success' });
    // The opener decided: the popup shows its decision and calls nothing itself.
    expect(run.page.getSnapshot()).toMatchObject({
      outcome: { screen: 'success' },
      closeHint: true,
    });
    expect(run.callbacks.onOutcome).not.toHaveBeenCalled();
  });

  it('without a receipt the popup shows the outcome and calls back itself', async () => {
    const href = `${appOrigin}/cb?session_id=csn_1&status=user_aborted`;
    const run = openPage(href, { mode: 'popup', flowId: 'f2', relayKey: 'k'.repeat(43) });
    run.settle();
    // The relay waits 1.5 s for a receipt that never comes.
    await vi.waitFor(() => expect(run.callbacks.onOutcome).toHaveBeenCalledOnce(), {
      timeout: 4000,
    });
    expect(run.page.getSnapshot().outcome?.code).toBe('user_aborted');
  });
});

describe('CallbackPage: the relay never reaches Zapier flows', () => {
  it('a Zapier redirect flow decides on the page', () => {
    const run = openPage(`${appOrigin}/cb?error=access_denied&state=s1`, { provider: 'zapier' });
    run.settle();
    expect(run.page.getSnapshot().outcome).toMatchObject({
      provider: 'zapier',
      code: 'access_denied',
      message: zapier.messages.access_denied,
    });
  });
});

describe('CallbackPage: a result the server half verified', () => {
  const verified: VerifiedOutcome = {
    ...summarize(
      parseCallback('?session_id=csn_9&status=success', {
        provider: gigs,
        expectedSessionId: 'csn_9',
      }),
    ),
    sessionId: 'csn_9',
    verified: true,
  };

  it('asks the server for the outcome the marker announces, shows it and calls back once', async () => {
    const href = `${appOrigin}/connect/callback?tab=1&rcf_result=gigs.0abcdefghXYZ_-123`;
    const run = openPage(href, undefined, { basePath: '/api/connect' }, verified);
    expect(run.page.getSnapshot().outcome).toBeUndefined();
    run.settle();
    await vi.waitFor(() => expect(run.callbacks.onSuccess).toHaveBeenCalledOnce());
    expect(run.browser.fetchResult).toHaveBeenCalledWith('/api/connect', 'gigs.0abcdefghXYZ_-123');
    expect(run.page.getSnapshot().outcome).toMatchObject({
      screen: 'success',
      sessionId: 'csn_9',
      verified: true,
    });
    expect(run.address()).toBe(`${appOrigin}/connect/callback?tab=1`);
  });

  it('a crafted link with the marker but no result on the server is unsolicited', async () => {
    const href = `${appOrigin}/connect/callback?rcf_result=gigs`;
    const run = openPage(href, undefined, { basePath: '/api/connect' });
    run.settle();
    await vi.waitFor(() => expect(run.callbacks.onOutcome).toHaveBeenCalledOnce());
    expect(run.page.getSnapshot().outcome?.code).toBe('unsolicited_callback');
    expect(run.callbacks.onSuccess).not.toHaveBeenCalled();
  });

  it('without basePath the marker is not a callback at all', () => {
    const run = openPage(`${appOrigin}/connect/callback?rcf_result=gigs`, undefined, {}, verified);
    expect(run.page.getSnapshot().outcome?.code).toBe('missing_params');
    expect(run.browser.fetchResult).not.toHaveBeenCalled();
  });
});

describe('CallbackPage: a verified outcome the server rendered', () => {
  const verified: VerifiedOutcome = {
    ...summarize(
      parseCallback('?session_id=csn_5&status=success', {
        provider: gigs,
        expectedSessionId: 'csn_5',
      }),
    ),
    sessionId: 'csn_5',
    verified: true,
  };

  it('scrubs the marker, consumes the server result, calls back once; a reload never again', () => {
    const href = `${appOrigin}/connect/callback?tab=2&rcf_result=gigs.0abcdefghXYZ_-123`;
    const run = openPage(href, undefined, { verified, basePath: '/api/connect' }, verified);
    expect(run.page.getSnapshot().outcome?.sessionId).toBe('csn_5');
    run.settle();
    expect(run.address()).toBe(`${appOrigin}/connect/callback?tab=2`);
    expect(run.browser.fetchResult).toHaveBeenCalledWith('/api/connect', 'gigs.0abcdefghXYZ_-123');
    expect(run.callbacks.onSuccess).toHaveBeenCalledOnce();
    const reload = new CallbackPage({ providers: builtInProviders, verified }, () => run.browser);
    const again = { onSuccess: vi.fn() };
    reload.settle(() => again);
    expect(again.onSuccess).not.toHaveBeenCalled();
  });

  it('in a popup it relays the verified outcome to the opener, sealed', async () => {
    const relayKey = 'v'.repeat(43);
    const href = `${appOrigin}/connect/callback?rcf_result=gigs`;
    const run = openPage(href, { mode: 'popup', flowId: 'fv', relayKey }, { verified }, verified);
    const heard: unknown[] = [];
    const opener = new BroadcastChannel(relayChannelName);
    opener.onmessage = (event) => heard.push(event.data);
    run.settle();
    await vi.waitFor(() => expect(heard).toHaveLength(1));
    opener.close();
    const opened = await openPayload(heard[0] as { iv: string; sealed: string }, relayKey);
    expect(opened?.verified).toMatchObject({ sessionId: 'csn_5', verified: true });
  });
});
