import { fireEvent, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { createOutcome, decide, failure, outcomeMessages, zapier } from '../../src/core/index';
import { CallbackScreen } from '../../src/react/CallbackScreen';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';
import { callbackMessages } from '../../src/react/messages';

const m = outcomeMessages;
const uid = 'psub_d4e5f6789012345678901234abcdef01';
let n = 0;
// A fresh path per render: outcomes are remembered per callback URL.
const url = (query: string) => `https://app.example/cb/${++n}?${query}`;
const root = (container: HTMLElement) => container.querySelector('section')!;

describe('ConnectCallbackPage: every row of the outcome table', () => {
  it.each([
    // gigs (seed 000/001)
    ['gigs', 'session_id=csn_123&status=success', 'success', m.success],
    ['gigs', 'session_id=csn_123&status=auth_expired', 'retry', m.auth_expired],
    ['gigs', 'session_id=csn_123&status=bad_configuration', 'error', m.bad_configuration],
    ['gigs', 'session_id=csn_123&status=not_allowed', 'error', m.bad_configuration],
    ['gigs', 'session_id=csn_123&status=user_aborted', 'retry', m.user_aborted],
    ['gigs', 'session_id=csn_123&status=something_new', 'error', m.generic],
    // emerge (seed 002), with the state this browser stored
    ['emerge', `status=success&state=abc123&uid=${uid}`, 'success', 'You are connected.'],
    ['emerge', `status=reauthorized&state=abc123&uid=${uid}`, 'success', m.reconnected],
    ...(
      [
        ['user_failed', 'retry', 'You cancelled the connection. Click below to try again.'],
        ['data_invalid', 'error', "Your account doesn't have enough data history yet."],
        [
          'access_denied',
          'retry',
          'Permission was denied. We need access to provide this feature.',
        ],
        ['invalid_scope', 'error', m.invalid_scope],
        [
          'admin_policy_enforced',
          'admin-approval',
          "Your organization's policy prevents this connection.",
        ],
        ['uid_conflict', 'error', 'Something went wrong. Please try again.'],
        ['not_a_code', 'error', 'Something went wrong. Please try again.'],
      ] as const
    ).map(([code, state, text]) => [
      'emerge',
      `status=failure&state=abc123&uid=${uid}&error_code=${code}`,
      state,
      text,
    ]),
    ['emerge', `status=failure&state=abc123&uid=${uid}`, 'error', m.generic],
    ['emerge', `status=success&uid=${uid}`, 'error', m.invalid_state],
    ['emerge', `status=success&state=forged&uid=${uid}`, 'error', m.invalid_state],
    // zapier (seed 003)
    ['zapier', 'authentication_id=12345&service=SlackAPI', 'success', m.success],
    ['zapier', 'error=access_denied&service=SlackAPI', 'retry', m.access_denied],
    [
      'zapier',
      'error=invalid_request&error_description=x&service=SlackAPI',
      'error',
      m.invalid_request,
    ],
    ['zapier', 'error=server_error&service=SlackAPI', 'error', m.server_error],
    ['zapier', 'error=temporarily_unavailable&service=SlackAPI', 'error', m.generic],
    // any: nothing recognisable
    ['unknown', 'foo=bar', 'error', m.generic],
  ])('%s ?%s → %s', (provider, query, state, text) => {
    const { container } = render(
      <ConnectCallbackPage
        url={url(query)}
        expectedState={provider === 'emerge' ? 'abc123' : undefined}
      />,
    );
    expect(root(container).getAttribute('data-state')).toBe(state);
    expect(root(container).getAttribute('data-provider')).toBe(provider);
    expect(screen.getByRole(state === 'success' ? 'status' : 'alert').textContent).toContain(text);
  });

  it('says "reconnected" for Emerge reauthorized', () => {
    render(
      <ConnectCallbackPage url={url(`status=reauthorized&state=s&uid=${uid}`)} expectedState="s" />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Reconnected');
  });

  it.each([
    [{ type: 'authenticationSuccess', authId: 12345 }, 'success', m.success],
    [{ type: 'authenticationError', error: 'access_denied' }, 'retry', m.access_denied],
    [{ type: 'authenticationError', error: 'server_error' }, 'error', m.server_error],
  ])('zapier popup message %o → %s', (data, state, text) => {
    const params = zapier.readMessage!(data)!;
    const outcome = createOutcome('zapier', decide(zapier, params), params);
    const { container } = render(<CallbackScreen outcome={outcome} />);
    expect(root(container).getAttribute('data-state')).toBe(state);
    expect(container.textContent).toContain(text);
  });

  it.each([
    ['popup_blocked', m.popup_blocked],
    ['cancelled', m.cancelled],
  ])('shows the useConnect outcome %s', (code, text) => {
    render(<CallbackScreen outcome={failure('zapier', code)} />);
    expect(screen.getByRole('alert').textContent).toContain(text);
  });
});

describe('ConnectCallbackPage: actions', () => {
  it('"Try again" and "Go back" call the app with the outcome (Gigs user_aborted)', () => {
    const onRetry = vi.fn();
    const onBack = vi.fn();
    render(
      <ConnectCallbackPage
        url={url('session_id=csn_1&status=user_aborted')}
        onRetry={onRetry}
        onBack={onBack}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ code: 'user_aborted' }));
    expect(onBack).toHaveBeenCalledWith(expect.objectContaining({ code: 'user_aborted' }));
  });

  it('without handlers, "Try again" links back where the flow started', () => {
    render(
      <CallbackScreen outcome={failure('gigs', 'timeout', 'retry')} returnTo="/settings?tab=2" />,
    );
    expect(screen.getByRole('link', { name: 'Try again' }).getAttribute('href')).toBe(
      '/settings?tab=2',
    );
  });

  it('success offers Continue; error offers "Contact support" only when given a URL', () => {
    render(<ConnectCallbackPage url={url('session_id=csn_1&status=success')} />);
    expect(screen.getByRole('link', { name: 'Continue' }).getAttribute('href')).toBe('/');
    const error = url('session_id=csn_1&status=bad_configuration');
    const { unmount } = render(<ConnectCallbackPage url={error} />);
    expect(screen.queryByRole('link', { name: 'Contact support' })).toBeNull();
    unmount();
    render(<ConnectCallbackPage url={error} supportUrl="https://help.example/contact" />);
    expect(screen.getByRole('link', { name: 'Contact support' }).getAttribute('href')).toBe(
      'https://help.example/contact',
    );
  });

  it('admin approval says what to ask and shares the request by a prefilled email', () => {
    const outcome = createOutcome('emerge', {
      screen: 'admin-approval',
      code: 'admin_policy_enforced',
      action: 'request-approval',
      uid: 'psub_secret',
    });
    render(<CallbackScreen outcome={outcome} />);
    screen.getByText('Ask your administrator to approve this connection, then try again.');
    const href = screen
      .getByRole('link', { name: 'Email your administrator' })
      .getAttribute('href')!;
    expect(href).toBe(
      `mailto:?subject=Connection%20approval&body=${encodeURIComponent(callbackMessages.requestBody)}`,
    );
  });
});

describe('ConnectCallbackPage: the Emerge uid', () => {
  it('is neither shown nor logged', () => {
    const logs = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi.spyOn(console, name),
    );
    const { container } = render(
      <ConnectCallbackPage
        url={url(`status=success&state=abc123&uid=${uid}`)}
        provider="emerge"
        expectedState="abc123"
      />,
    );
    expect(root(container).dataset.state).toBe('success');
    expect(container.innerHTML).not.toContain(uid);
    for (const log of logs) {
      expect(JSON.stringify(log.mock.calls)).not.toContain(uid);
      log.mockRestore();
    }
  });
});

describe('ConnectCallbackPage: customisation', () => {
  const outcome = failure('gigs', 'timeout');

  it('puts default and app class names on every part; unstyled keeps only the app ones', () => {
    const { container, rerender } = render(
      <CallbackScreen outcome={outcome} classNames={{ root: 'mine', heading: 'h', action: 'a' }} />,
    );
    expect([...root(container).classList]).toEqual(expect.arrayContaining(['rcf', 'mine']));
    expect([...screen.getByRole('heading').classList]).toEqual(
      expect.arrayContaining(['rcf-heading', 'h']),
    );
    expect([...screen.getByRole('alert').classList]).toEqual(
      expect.arrayContaining(['rcf-message']),
    );
    expect([...screen.getByRole('link').classList]).toEqual(
      expect.arrayContaining(['rcf-action', 'a']),
    );
    rerender(<CallbackScreen outcome={outcome} classNames={{ root: 'mine' }} unstyled />);
    expect(root(container).className).toBe('mine');
    expect(container.querySelector('[class*="rcf"]')).toBeNull();
  });

  it('replaces any string through messages', () => {
    render(
      <CallbackScreen
        outcome={outcome}
        messages={{ timeout: 'Zeit abgelaufen.', heading_error: 'Fehler' }}
      />,
    );
    expect(screen.getByRole('heading').textContent).toContain('Fehler');
    expect(screen.getByRole('alert').textContent).toContain('Zeit abgelaufen.');
  });

  it("words a custom adapter's own codes, and never reads inherited keys as messages", () => {
    const acme = (code: string) =>
      createOutcome('acme', { screen: 'error', code, action: 'contact-support' });
    expect(acme('acme_quota')).toMatchObject({ messageKey: 'acme_quota', message: m.generic });
    const { unmount } = render(
      <CallbackScreen
        outcome={acme('acme_quota')}
        messages={{ acme_quota: 'Your plan is full.' }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Your plan is full.');
    unmount();
    for (const code of ['toString', 'constructor', '__proto__', 'acme_other']) {
      const { unmount: done } = render(<CallbackScreen outcome={acme(code)} />);
      expect(screen.getByRole('alert').textContent).toBe(m.generic);
      done();
    }
  });

  it('replaces a screen; the replacement gets the outcome, messages and actions', () => {
    const onRetry = vi.fn();
    render(
      <CallbackScreen
        outcome={outcome}
        onRetry={onRetry}
        components={{
          error: ({ heading, message, retry, outcome: o }) => (
            <button onClick={retry}>{`${heading}|${message}|${o.code}`}</button>
          ),
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: `Connection failed|${m.timeout}|timeout` }));
    expect(onRetry).toHaveBeenCalledWith(outcome);
  });

  it('moves focus to the heading on mount', () => {
    render(<CallbackScreen outcome={outcome} />);
    expect(document.activeElement).toBe(screen.getByRole('heading'));
  });
});
