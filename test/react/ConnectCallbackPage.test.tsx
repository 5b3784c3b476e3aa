import { fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { saveFlowRecord } from '../../src/core/browser/flowRecord';
import { ownError } from '../../src/core/model/decision';
import { summarize, type OutcomeSummary } from '../../src/core/model/outcomeSummary';
import { parseCallback } from '../../src/core/model/parseCallback';
import { emergeMessages } from '../../src/core/model/providers/emerge';
import { gigsMessages } from '../../src/core/model/providers/gigs';
import { zapier, zapierMessages } from '../../src/core/model/providers/zapier';
import { sharedMessages as m } from '../../src/core/model/sharedMessages';
import type { ProviderAdapter } from '../../src/core/model/types';
import { callbackScreenText } from '../../src/react/callbackText';
import {
  ConnectCallbackPage,
  type ConnectCallbackPageProps,
} from '../../src/react/ConnectCallbackPage';

const uid = 'psub_d4e5f6789012345678901234abcdef01';
const url = (query: string) => `https://app.example/connect/callback?${query}`;
const root = () => document.querySelector('section')!;

/**
 * Renders the page on a fresh history entry: the page remembers its screen in the entry, and
 * a second page on the same entry would show that one again (as a reload does).
 */
function renderPage(props: ConnectCallbackPageProps) {
  history.replaceState(null, '', '/connect/callback');
  return render(<ConnectCallbackPage {...props} />);
}

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('ConnectCallbackPage: every row of the outcome table', () => {
  const emergeQuery = (rest: string) => `status=failure&state=abc123&uid=${uid}&error_code=${rest}`;
  it.each([
    // gigs (https://developers.gigs.com/docs/connect/connect-sessions/link-back), for the session the app launched
    ['gigs', 'session_id=csn_123&status=success', 'success', m.success],
    ['gigs', 'session_id=csn_123&status=auth_expired', 'retry', gigsMessages.auth_expired],
    [
      'gigs',
      'session_id=csn_123&status=bad_configuration',
      'error',
      gigsMessages.bad_configuration,
    ],
    ['gigs', 'session_id=csn_123&status=not_allowed', 'error', gigsMessages.bad_configuration],
    ['gigs', 'session_id=csn_123&status=user_aborted', 'retry', gigsMessages.user_aborted],
    ['gigs', 'session_id=csn_123&status=something_new', 'error', m.generic],
    ['gigs', 'session_id=csn_other&status=success', 'error', m.session_mismatch],
    // emerge (https://docs.emergedata.ai/link/callbacks), with the state the app's server signed into the link
    ['emerge', `status=success&state=abc123&uid=${uid}`, 'success', m.success],
    ['emerge', `status=reauthorized&state=abc123&uid=${uid}`, 'success', m.reconnected],
    [
      'emerge',
      emergeQuery('user_failed'),
      'retry',
      'You cancelled the connection. Click below to try again.',
    ],
    [
      'emerge',
      emergeQuery('data_invalid'),
      'error',
      "Your account doesn't have enough data history yet.",
    ],
    [
      'emerge',
      emergeQuery('access_denied'),
      'retry',
      'Permission was denied. We need access to provide this feature.',
    ],
    ['emerge', emergeQuery('invalid_scope'), 'error', emergeMessages.invalid_scope],
    [
      'emerge',
      emergeQuery('admin_policy_enforced'),
      'admin-approval',
      "Your organization's policy prevents this connection.",
    ],
    ['emerge', emergeQuery('uid_conflict'), 'error', 'Something went wrong. Please try again.'],
    ['emerge', emergeQuery('not_a_code'), 'error', 'Something went wrong. Please try again.'],
    ['emerge', `status=failure&state=abc123&uid=${uid}`, 'error', m.generic],
    ['emerge', `status=success&state=forged&uid=${uid}`, 'error', m.invalid_state],
    // zapier (https://docs.zapier.com/white-label/connection-flow), for a flow the app vouches for
    ['zapier', 'authentication_id=12345&service=SlackAPI', 'success', m.success],
    ['zapier', 'error=access_denied&service=SlackAPI', 'retry', zapierMessages.access_denied],
    [
      'zapier',
      'error=invalid_request&error_description=x&service=SlackAPI',
      'error',
      zapierMessages.invalid_request,
    ],
    ['zapier', 'error=server_error&service=SlackAPI', 'error', zapierMessages.server_error],
    ['zapier', 'error=temporarily_unavailable&service=SlackAPI', 'error', m.generic],
    // any: nothing recognisable
    ['unknown', 'foo=bar', 'error', m.generic],
  ])('%s ?%s → %s', (provider, query, state, text) => {
    renderPage({ url: url(query), expectedState: 'abc123', expectedSessionId: 'csn_123' });
    expect(root().dataset.state).toBe(state);
    expect(root().dataset.provider).toBe(provider);
    expect(screen.getByRole(state === 'success' ? 'status' : 'alert').textContent).toBe(text);
  });

  it.each([
    ['gigs', 'session_id=csn_attacker&status=success'],
    ['zapier', 'authentication_id=666&service=SlackAPI'],
    ['emerge', `status=success&state=abc&uid=${uid}`],
  ])('a crafted %s link with no stored flow shows the unsolicited screen', (provider, query) => {
    const onSuccess = vi.fn();
    renderPage({ url: url(query), onSuccess });
    expect(root().dataset.state).toBe('error');
    expect(root().dataset.provider).toBe(provider);
    expect(screen.getByRole('alert').textContent).toBe(m.unsolicited_callback);
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('with a stored flow, reads the address and calls onSuccess once', () => {
    saveFlowRecord({
      provider: 'gigs',
      mode: 'redirect',
      state: 's',
      sessionId: 'csn_1',
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(null, '', '/connect/callback?session_id=csn_1&status=success');
    const onSuccess = vi.fn();
    render(<ConnectCallbackPage onSuccess={onSuccess} />);
    expect(root().dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a missing state is invalid_state for the stored Emerge flow', () => {
    saveFlowRecord({
      provider: 'emerge',
      mode: 'redirect',
      state: 's',
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(null, '', `/connect/callback?status=success&uid=${uid}`);
    render(<ConnectCallbackPage />);
    expect(root().dataset.provider).toBe('emerge');
    expect(screen.getByRole('alert').textContent).toBe(m.invalid_state);
  });

  it('says "Reconnected" for Emerge reauthorized', () => {
    renderPage({ url: url(`status=reauthorized&state=s&uid=${uid}`), expectedState: 's' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Reconnected');
  });

  it("Zapier's access_denied reads differently from Emerge's", () => {
    renderPage({ url: url('error=access_denied&service=SlackAPI') });
    const zapierText = screen.getByRole('alert').textContent;
    renderPage({
      url: url(`status=failure&state=s&uid=${uid}&error_code=access_denied`),
      expectedState: 's',
    });
    const emergeText = screen.getAllByRole('alert')[1]?.textContent;
    expect(zapierText).toBe(zapierMessages.access_denied);
    expect(emergeText).toBe(emergeMessages.access_denied);
    expect(zapierText).not.toBe(emergeText);
  });

  it('never shows parameter text', () => {
    const spam = 'Call+555-0100+to+fix+your+account';
    for (const [query, expectedState] of [
      [`error=${spam}&error_description=${spam}&service=${spam}`, undefined],
      [`status=failure&state=s5&uid=${uid}&error_code=${spam}`, 's5'],
      [`session_id=csn_1&status=${spam}`, undefined],
    ] as const) {
      const { container, unmount } = renderPage({ url: url(query), expectedState });
      expect(root().dataset.state).toBe('error');
      expect(container.textContent).not.toMatch(/555|Call/);
      expect(screen.getByRole('alert').textContent).toBe(m.generic);
      unmount();
    }
  });
});

describe('ConnectCallbackPage: the Emerge uid', () => {
  it('is neither shown nor logged, nor left in the address', () => {
    const logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi.spyOn(console, name),
    );
    saveFlowRecord({
      provider: 'emerge',
      mode: 'redirect',
      state: 's',
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(null, '', `/connect/callback?status=success&state=s&uid=${uid}`);
    const onSuccess = vi.fn();
    const { container } = render(<ConnectCallbackPage onSuccess={onSuccess} />);
    expect(root().dataset.state).toBe('success');
    expect(onSuccess.mock.calls[0]?.[0].uid).toBe(uid);
    expect(container.innerHTML).not.toContain(uid);
    expect(document.documentElement.outerHTML).not.toContain(uid);
    expect(location.href).not.toContain(uid);
    for (const log of logs) expect(JSON.stringify(log.mock.calls)).not.toContain(uid);
  });
});

describe('ConnectCallbackPage: actions', () => {
  it('"Try again" and "Go back" call the app with the outcome (Gigs user_aborted)', () => {
    const onRetry = vi.fn();
    const onBack = vi.fn();
    renderPage({ url: url('session_id=csn_1&status=user_aborted'), onRetry, onBack });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ code: 'user_aborted' }));
    expect(onBack).toHaveBeenCalledWith(expect.objectContaining({ code: 'user_aborted' }));
  });

  it('links back to where the stored flow started, never to a URL from the parameters', () => {
    saveFlowRecord({
      provider: 'gigs',
      mode: 'redirect',
      state: 's',
      sessionId: 'csn_1',
      returnTo: '/plans?tab=2',
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(
      null,
      '',
      '/cb?returnTo=//evil.example&session_id=csn_1&status=user_aborted',
    );
    const { container } = render(<ConnectCallbackPage />);
    expect(screen.getByRole('link', { name: 'Go back' }).getAttribute('href')).toBe('/plans?tab=2');
    expect(container.innerHTML).not.toContain('evil');
  });

  it('offers "Contact support" on an error only when given a URL', () => {
    const error = url('session_id=csn_1&status=bad_configuration');
    const { unmount } = renderPage({ url: error });
    expect(screen.queryByRole('link', { name: 'Contact support' })).toBeNull();
    unmount();
    renderPage({ url: error, supportUrl: 'https://help.example/contact' });
    expect(screen.getByRole('link', { name: 'Contact support' }).getAttribute('href')).toBe(
      'https://help.example/contact',
    );
  });

  it('moves focus to the heading', () => {
    renderPage({ url: url('session_id=csn_1&status=auth_expired') });
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });
});

describe('ConnectCallbackPage: messages per provider', () => {
  const zapierDenied = url('error=access_denied&service=SlackAPI');
  const emergeDenied = url(`status=failure&state=s&uid=${uid}&error_code=access_denied`);
  const textOf = (props: ConnectCallbackPageProps) => {
    const { unmount } = renderPage({ expectedState: 's', ...props });
    const text = screen.getByRole('alert').textContent;
    unmount();
    return text;
  };

  it("zapier.access_denied rewords only Zapier's", () => {
    const messages = { 'zapier.access_denied': 'Zapier: no permission.' };
    expect(textOf({ url: zapierDenied, messages })).toBe('Zapier: no permission.');
    expect(textOf({ url: emergeDenied, messages })).toBe(emergeMessages.access_denied);
  });

  it('access_denied rewords both; the provider key still wins for its provider', () => {
    const messages = { access_denied: 'No permission.' };
    expect(textOf({ url: zapierDenied, messages })).toBe('No permission.');
    expect(textOf({ url: emergeDenied, messages })).toBe('No permission.');
    const both = { ...messages, 'emerge.access_denied': 'Emerge: no permission.' };
    expect(textOf({ url: zapierDenied, messages: both })).toBe('No permission.');
    expect(textOf({ url: emergeDenied, messages: both })).toBe('Emerge: no permission.');
  });

  it('rewords shared texts and screen words', () => {
    renderPage({
      url: url('session_id=csn_attacker&status=success'),
      messages: {
        unsolicited_callback: 'Bitte in der App neu starten.',
        heading_error: 'Fehler',
        retry: 'Nochmal',
      },
    });
    expect(screen.getByRole('heading').textContent).toBe('Fehler');
    expect(screen.getByRole('alert').textContent).toBe('Bitte in der App neu starten.');
    expect(screen.getByRole('link', { name: 'Nochmal' })).toBeTruthy();
  });
});

describe('ConnectCallbackPage: a custom adapter', () => {
  const acme: ProviderAdapter<{ url: string }> = {
    id: 'acme',
    params: ['acme_id', 'acme_error', 'state'],
    signatures: [['acme_id'], ['acme_error']],
    binding: 'state',
    messages: { quota: 'Your Acme plan is full.' },
    parse({ acme_id: id, acme_error: error }) {
      if (id) return { screen: 'success' };
      if (error === 'quota') return { screen: 'error', code: 'quota', action: 'contact-support' };
      return ownError('unknown_code');
    },
    launchUrl: (launch) => launch.url,
    returns: 'relay',
  };

  it('detects and words its callbacks from providers', () => {
    renderPage({ url: url('acme_id=1&state=s'), providers: [acme], expectedState: 's' });
    expect(root().dataset.provider).toBe('acme');
    expect(root().dataset.state).toBe('success');
    renderPage({ url: url('acme_error=quota&state=s'), providers: [acme], expectedState: 's' });
    expect(screen.getByRole('alert').textContent).toBe('Your Acme plan is full.');
  });

  it('checks its state like any other', () => {
    renderPage({ url: url('acme_id=1&state=forged'), providers: [acme], expectedState: 's' });
    expect(screen.getByRole('alert').textContent).toBe(m.invalid_state);
  });

  it('only the adapters given are detected', () => {
    renderPage({ url: url('session_id=csn_1&status=auth_expired'), providers: [acme] });
    expect(root().dataset.provider).toBe('unknown');
    renderPage({ url: url('acme_error=quota&state=s') });
    expect(screen.getAllByRole('alert')[1]?.textContent).toBe(m.generic);
  });

  it('a stored flow names its adapter', () => {
    saveFlowRecord({
      provider: 'acme',
      mode: 'redirect',
      state: 's9',
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(null, '', '/cb?acme_id=7&state=s9');
    const onSuccess = vi.fn();
    render(<ConnectCallbackPage providers={[zapier, acme]} onSuccess={onSuccess} />);
    expect(root().dataset.provider).toBe('acme');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(location.search).toBe('');
  });
});

describe('ConnectCallbackPage: a verified outcome', () => {
  it('renders as it is, whatever the address says', () => {
    history.replaceState(null, '', '/cb?session_id=csn_attacker&status=success');
    const verified = summarize(
      parseCallback('?authentication_id=5&service=SlackAPI', {
        provider: zapier,
        expectedState: 's',
        reconnect: true,
      }),
    );
    const onSuccess = vi.fn();
    render(<ConnectCallbackPage verified={verified} onSuccess={onSuccess} />);
    expect(root().dataset.provider).toBe('zapier');
    expect(screen.getByRole('heading').textContent).toBe('Reconnected');
    expect(screen.getByRole('status').textContent).toBe(m.reconnected);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a verified failure shows its screen, reworded per provider like any other', () => {
    history.replaceState(null, '', '/cb');
    const verified: OutcomeSummary = {
      provider: 'emerge',
      screen: 'admin-approval',
      code: 'admin_policy_enforced',
      message: emergeMessages.admin_policy_enforced,
      messageKey: 'admin_policy_enforced',
      action: 'request-approval',
      reconnected: false,
    };
    const onSuccess = vi.fn();
    render(
      <ConnectCallbackPage
        verified={verified}
        messages={{ 'emerge.admin_policy_enforced': 'Ask IT.' }}
        onSuccess={onSuccess}
      />,
    );
    expect(root().dataset.state).toBe('admin-approval');
    expect(screen.getByRole('alert').textContent).toBe('Ask IT.');
    expect(screen.getByRole('link', { name: 'Email your administrator' })).toBeTruthy();
    expect(onSuccess).not.toHaveBeenCalled();
  });
});

describe('ConnectCallbackPage: customisation', () => {
  const retryUrl = url('session_id=csn_1&status=auth_expired');

  it('puts default and app class names on every part; unstyled keeps only the app ones', () => {
    const { container, unmount } = renderPage({
      url: retryUrl,
      classNames: { root: 'mine', heading: 'h', action: 'a' },
    });
    expect(root().className).toBe('rcf mine');
    expect(screen.getByRole('heading').className).toBe('rcf-heading h');
    expect(screen.getByRole('link').className).toBe('rcf-action a');
    unmount();
    renderPage({ url: retryUrl, classNames: { root: 'mine' }, unstyled: true });
    expect(root().className).toBe('mine');
    expect(container.ownerDocument.querySelector('[class*="rcf"]')).toBeNull();
  });

  it('replaces a screen through components; the replacement gets words, not messages', () => {
    renderPage({
      url: retryUrl,
      messages: { retry: 'Nochmal' },
      components: {
        retry: (props) => (
          <p>{`${props.heading}|${props.message}|${props.words.retry}|${'messages' in props}`}</p>
        ),
      },
    });
    expect(root().dataset.state).toBe('retry');
    screen.getByText(`Not connected yet|${gigsMessages.auth_expired}|Nochmal|false`);
  });
});

describe('ConnectCallbackPage: the pending section', () => {
  const relayKey = 'k'.repeat(43);
  class SilentChannel {
    static posted = 0;
    onmessage = null;
    postMessage() {
      SilentChannel.posted++;
    }
    close() {}
  }

  /** A popup waiting for its opener's receipt: the page shows the pending section meanwhile. */
  async function renderWaitingPopup(props: ConnectCallbackPageProps = {}) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    SilentChannel.posted = 0;
    vi.stubGlobal('BroadcastChannel', SilentChannel);
    saveFlowRecord({
      provider: 'gigs',
      mode: 'popup',
      state: 's',
      flowId: 'f',
      relayKey,
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(null, '', '/cb?session_id=csn_1&status=success');
    const view = render(<ConnectCallbackPage {...props} />);
    await vi.waitFor(() => expect(SilentChannel.posted).toBe(1));
    return view;
  }

  it('says the connection is finishing, as a busy status section', async () => {
    await renderWaitingPopup();
    expect(root().dataset.state).toBe('pending');
    expect(root().getAttribute('aria-busy')).toBe('true');
    expect(root().className).toBe('rcf');
    expect(screen.getByRole('status').textContent).toBe(callbackScreenText.pending);
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('takes messages.pending, classNames.root and unstyled', async () => {
    await renderWaitingPopup({
      messages: { pending: 'Einen Moment…' },
      classNames: { root: 'mine' },
      unstyled: true,
    });
    expect(screen.getByRole('status').textContent).toBe('Einen Moment…');
    expect(root().className).toBe('mine');
  });
});

describe('ConnectCallbackPage: onEvent', () => {
  const redirectFlow = {
    provider: 'gigs',
    mode: 'redirect' as const,
    state: 's',
    sessionId: 'csn_1',
    expiresAt: Date.now() + 600_000,
    attemptId: 'attempt-7',
  };

  it('StrictMode: a useConnect redirect returns here: returned, then one outcome', () => {
    saveFlowRecord({ ...redirectFlow, startedAt: Date.now() - 4_000 });
    history.replaceState(null, '', '/connect/callback?session_id=csn_1&status=success');
    const onEvent = vi.fn();
    render(
      <StrictMode>
        <ConnectCallbackPage onEvent={onEvent} />
      </StrictMode>,
    );
    expect(root().dataset.state).toBe('success');
    expect(onEvent.mock.calls.map(([event]) => event)).toEqual([
      expect.objectContaining({ type: 'returned', attemptId: 'attempt-7', mode: 'redirect' }),
      expect.objectContaining({ type: 'outcome', screen: 'success', provider: 'gigs' }),
    ]);
    expect(onEvent.mock.calls[0]?.[0].at).toBeGreaterThanOrEqual(4_000);
  });

  it('reports nothing for a popup flow (its opener does) or a flow without an attempt', () => {
    const onEvent = vi.fn();
    saveFlowRecord({ ...redirectFlow, startedAt: Date.now(), mode: 'popup' });
    renderPage({ url: url('session_id=csn_1&status=success'), onEvent });
    sessionStorage.clear();
    saveFlowRecord({ ...redirectFlow, attemptId: undefined });
    renderPage({ url: url('session_id=csn_1&status=success'), onEvent });
    expect(onEvent).not.toHaveBeenCalled();
  });
});
