import { fireEvent, render, screen } from '@testing-library/react';
import {
  adminApprovalOutcome,
  errorOutcome,
  retryOutcome,
  successOutcome,
} from '../../src/core/model/outcome';
import { emerge, emergeMessages } from '../../src/core/model/providers/emerge';
import { gigs, gigsMessages } from '../../src/core/model/providers/gigs';
import { zapier } from '../../src/core/model/providers/zapier';
import { sharedMessages } from '../../src/core/model/sharedMessages';
import type { Action, ConnectOutcome } from '../../src/core/model/types';
import { callbackScreenText } from '../../src/react/callbackText';
import { CallbackScreen } from '../../src/react/CallbackScreen';

const gigsSuccess = successOutcome({ provider: gigs }, { screen: 'success', sessionId: 'csn_1' });
const reconnected = successOutcome(
  { provider: emerge },
  { screen: 'success', uid: 'psub_1', reconnected: true },
);
const userAborted = retryOutcome(
  { provider: gigs, params: { session_id: 'csn_1', status: 'user_aborted' } },
  { screen: 'retry', code: 'user_aborted', action: 'go-back' },
);
const accessDenied = retryOutcome(
  { provider: emerge },
  { screen: 'retry', code: 'access_denied', action: 'retry' },
);
const adminApproval = adminApprovalOutcome(
  // Attacker-controlled text in the parameters: none of it may reach the email.
  { provider: emerge, params: { status: 'failure', error_code: 'admin_policy_enforced' } },
  { screen: 'admin-approval', code: 'admin_policy_enforced', action: 'request-approval' },
);
const badConfiguration = errorOutcome(
  { provider: gigs },
  { screen: 'error', code: 'bad_configuration', action: 'contact-support' },
);
const dataInvalid = errorOutcome(
  { provider: emerge },
  { screen: 'error', code: 'data_invalid', action: 'try-later' },
);
const popupBlocked = errorOutcome(
  { provider: zapier },
  { screen: 'error', code: 'popup_blocked', action: 'retry' },
);

const root = (container: HTMLElement) => container.querySelector('section')!;
const links = () => screen.queryAllByRole('link').map((link) => link.textContent);
const buttons = () => screen.queryAllByRole('button').map((button) => button.textContent);

describe('CallbackScreen: the root, the heading and the message', () => {
  it.each([
    ['success', gigsSuccess, 'Connected', 'status', sharedMessages.success],
    ['success, reconnected', reconnected, 'Reconnected', 'status', sharedMessages.reconnected],
    ['retry', accessDenied, 'Not connected yet', 'alert', emergeMessages.access_denied],
    [
      'admin-approval',
      adminApproval,
      'Approval needed',
      'alert',
      emergeMessages.admin_policy_enforced,
    ],
    ['error', badConfiguration, 'Connection failed', 'alert', gigsMessages.bad_configuration],
  ] as const)('%s: heading, message role and text', (_name, outcome, heading, role, text) => {
    const { container } = render(<CallbackScreen outcome={outcome} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(heading);
    expect(screen.getByRole(role).textContent).toBe(text);
    // A success is news, not a problem: never an alert.
    expect(screen.queryByRole(role === 'status' ? 'alert' : 'status')).toBeNull();
    expect(root(container).dataset.state).toBe(outcome.screen);
    expect(root(container).dataset.provider).toBe(outcome.provider);
    expect(screen.getByRole('region', { name: heading })).toBe(root(container));
  });

  it('moves focus to the heading when it mounts, and not again on a re-render', () => {
    const { rerender } = render(
      <>
        <button>elsewhere</button>
        <CallbackScreen outcome={accessDenied} />
      </>,
    );
    const heading = screen.getByRole('heading');
    expect(document.activeElement).toBe(heading);
    expect(heading.tabIndex).toBe(-1);
    screen.getByRole('button', { name: 'elsewhere' }).focus();
    rerender(
      <>
        <button>elsewhere</button>
        <CallbackScreen outcome={accessDenied} messages={{ heading_retry: 'Still not' }} />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'elsewhere' }));
  });

  it('shows a detail where the outcome has one (admin approval, data_invalid)', () => {
    const { unmount } = render(<CallbackScreen outcome={adminApproval} />);
    screen.getByText(callbackScreenText['detail_admin-approval']);
    unmount();
    render(<CallbackScreen outcome={dataInvalid} />);
    screen.getByText(callbackScreenText.detail_data_invalid);
  });

  it('never shows the identifiers or the raw parameters', () => {
    const { container } = render(<CallbackScreen outcome={reconnected} />);
    expect(container.innerHTML).not.toContain('psub_1');
    const { container: other } = render(<CallbackScreen outcome={userAborted} />);
    expect(other.innerHTML).not.toContain('csn_1');
  });
});

describe('CallbackScreen: every action renders its controls', () => {
  it('continue: a link to where the flow started, else to /', () => {
    const { unmount } = render(<CallbackScreen outcome={gigsSuccess} returnTo="/plans?tab=2" />);
    expect(screen.getByRole('link', { name: 'Continue' }).getAttribute('href')).toBe(
      '/plans?tab=2',
    );
    expect(buttons()).toEqual([]);
    unmount();
    render(<CallbackScreen outcome={gigsSuccess} />);
    expect(screen.getByRole('link', { name: 'Continue' }).getAttribute('href')).toBe('/');
  });

  it('retry: a button that calls onRetry with the outcome', () => {
    const onRetry = vi.fn();
    render(<CallbackScreen outcome={accessDenied} onRetry={onRetry} />);
    expect(links()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledWith(accessDenied);
  });

  it('retry without onRetry: a link back where the flow started', () => {
    render(<CallbackScreen outcome={accessDenied} returnTo="/settings?tab=2" />);
    expect(buttons()).toEqual([]);
    expect(screen.getByRole('link', { name: 'Try again' }).getAttribute('href')).toBe(
      '/settings?tab=2',
    );
  });

  it('go-back: "Try again" and "Go back", buttons with the handlers, links without', () => {
    const onRetry = vi.fn();
    const onBack = vi.fn();
    const { unmount } = render(
      <CallbackScreen outcome={userAborted} onRetry={onRetry} onBack={onBack} />,
    );
    expect(buttons()).toEqual(['Try again', 'Go back']);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    expect(onRetry).toHaveBeenCalledWith(userAborted);
    expect(onBack).toHaveBeenCalledWith(userAborted);
    unmount();
    render(<CallbackScreen outcome={userAborted} returnTo="/plans" />);
    expect(links()).toEqual(['Try again', 'Go back']);
    for (const link of screen.getAllByRole('link'))
      expect(link.getAttribute('href')).toBe('/plans');
  });

  it('request-approval: a prefilled email in our words only', () => {
    const { unmount } = render(<CallbackScreen outcome={adminApproval} onRetry={vi.fn()} />);
    expect(buttons()).toEqual([]);
    const href = screen
      .getByRole('link', { name: 'Email your administrator' })
      .getAttribute('href');
    expect(href).toBe(
      `mailto:?subject=${encodeURIComponent(callbackScreenText.requestSubject)}` +
        `&body=${encodeURIComponent(callbackScreenText.requestBody)}`,
    );
    expect(href).not.toMatch(/failure|admin_policy/);
    unmount();
    render(
      <CallbackScreen
        outcome={adminApproval}
        messages={{ requestSubject: 'Freigabe', requestBody: 'Bitte & danke', email: 'E-Mail' }}
      />,
    );
    expect(screen.getByRole('link', { name: 'E-Mail' }).getAttribute('href')).toBe(
      'mailto:?subject=Freigabe&body=Bitte%20%26%20danke',
    );
  });

  it.each([
    ['contact-support', badConfiguration],
    ['try-later', dataInvalid],
  ] as const)('%s: no control of its own', (_action, outcome) => {
    render(<CallbackScreen outcome={outcome} onRetry={vi.fn()} onBack={vi.fn()} />);
    expect(links()).toEqual([]);
    expect(buttons()).toEqual([]);
  });

  it('every action is handled (the switch is exhaustive)', () => {
    const actions: Action[] = [
      'continue',
      'retry',
      'go-back',
      'request-approval',
      'contact-support',
      'try-later',
    ];
    for (const action of actions) {
      const outcome: ConnectOutcome = { ...badConfiguration, action };
      const { unmount } = render(<CallbackScreen outcome={outcome} />);
      expect(screen.getByRole('heading')).toBeTruthy();
      unmount();
    }
  });
});

describe('CallbackScreen: the support link and the close hint', () => {
  const supportUrl = 'https://help.example/contact';

  it('adds "Contact support" to an error screen, only when given a URL', () => {
    const { unmount } = render(<CallbackScreen outcome={badConfiguration} />);
    expect(screen.queryByRole('link', { name: 'Contact support' })).toBeNull();
    unmount();
    render(<CallbackScreen outcome={popupBlocked} supportUrl={supportUrl} onRetry={vi.fn()} />);
    expect(screen.getByRole('link', { name: 'Contact support' }).getAttribute('href')).toBe(
      supportUrl,
    );
    expect(buttons()).toEqual(['Try again']);
  });

  it.each([
    ['success', gigsSuccess],
    ['retry', accessDenied],
    ['admin-approval', adminApproval],
  ] as const)('never on a %s screen', (_screen, outcome) => {
    render(<CallbackScreen outcome={outcome} supportUrl={supportUrl} />);
    expect(screen.queryByRole('link', { name: 'Contact support' })).toBeNull();
  });

  it('closeHint adds the note, as a status', () => {
    const { container, rerender } = render(<CallbackScreen outcome={gigsSuccess} />);
    expect(screen.queryByText(callbackScreenText.close)).toBeNull();
    rerender(<CallbackScreen outcome={gigsSuccess} closeHint />);
    const note = screen.getByText(callbackScreenText.close);
    expect(note.getAttribute('role')).toBe('status');
    expect(note.className).toBe('rcf-note');
    expect(root(container).contains(note)).toBe(true);
  });
});

describe('CallbackScreen: customisation', () => {
  it('puts default and app class names on every part; unstyled keeps only the app ones', () => {
    const { container, rerender } = render(
      <CallbackScreen
        outcome={adminApproval}
        closeHint
        classNames={{
          root: 'mine',
          heading: 'h',
          message: 'm',
          detail: 'd',
          actions: 'as',
          action: 'a',
        }}
      />,
    );
    expect(root(container).className).toBe('rcf mine');
    expect(screen.getByRole('heading').className).toBe('rcf-heading h');
    expect(screen.getByRole('alert').className).toBe('rcf-message m');
    expect(screen.getByText(callbackScreenText['detail_admin-approval']).className).toBe(
      'rcf-detail d',
    );
    expect(screen.getByRole('link').className).toBe('rcf-action a');
    expect(screen.getByRole('link').parentElement?.className).toBe('rcf-actions as');
    rerender(<CallbackScreen outcome={adminApproval} classNames={{ root: 'mine' }} unstyled />);
    expect(root(container).className).toBe('mine');
    expect(container.querySelector('[class*="rcf"]')).toBeNull();
  });

  it('rewords screen words, shared texts and codes through messages', () => {
    const timeout = retryOutcome(
      { provider: gigs },
      { screen: 'retry', code: 'timeout', action: 'retry' },
    );
    render(
      <CallbackScreen
        outcome={timeout}
        messages={{ timeout: 'Zeit abgelaufen.', heading_retry: 'Fehler', retry: 'Nochmal' }}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Fehler');
    expect(screen.getByRole('region', { name: 'Fehler' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Zeit abgelaufen.');
    expect(screen.getByRole('link', { name: 'Nochmal' })).toBeTruthy();
  });

  it('replaces a screen; the replacement gets the outcome, words and actions; the root stays', () => {
    const onRetry = vi.fn();
    const { container } = render(
      <CallbackScreen
        outcome={popupBlocked}
        onRetry={onRetry}
        returnTo="/start"
        messages={{ retry: 'Nochmal' }}
        components={{
          error: ({ outcome, words, heading, message, retry, back, returnTo, className }) => (
            <button className={className('action')} onClick={retry}>
              {[heading, message, outcome.code, words.retry, returnTo, String(back)].join('|')}
            </button>
          ),
        }}
      />,
    );
    expect(root(container).dataset.state).toBe('error');
    const button = screen.getByRole('button');
    expect(button.textContent).toBe(
      `Connection failed|${sharedMessages.popup_blocked}|popup_blocked|Nochmal|/start|undefined`,
    );
    expect(button.className).toBe('rcf-action');
    fireEvent.click(button);
    expect(onRetry).toHaveBeenCalledWith(popupBlocked);
  });

  it('replaces only the screens it names', () => {
    render(
      <CallbackScreen outcome={accessDenied} components={{ success: () => <p>replaced</p> }} />,
    );
    expect(screen.queryByText('replaced')).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe('Not connected yet');
  });
});
