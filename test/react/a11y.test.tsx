import { render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { saveFlowRecord } from '../../src/core/browser/flowRecord';
import {
  adminApprovalOutcome,
  errorOutcome,
  retryOutcome,
  successOutcome,
} from '../../src/core/model/outcome';
import { emerge } from '../../src/core/model/providers/emerge';
import { gigs } from '../../src/core/model/providers/gigs';
import { zapier } from '../../src/core/model/providers/zapier';
import { sharedMessages } from '../../src/core/model/sharedMessages';
import { CallbackScreen, type CallbackScreenProps } from '../../src/react/CallbackScreen';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';

/** Every screen, every action's controls, the note and the support link (light scheme: jsdom). */
const cases: [string, CallbackScreenProps][] = [
  ['success', { outcome: successOutcome({ provider: gigs }, { screen: 'success' }) }],
  [
    'success, reconnected',
    { outcome: successOutcome({ provider: emerge }, { screen: 'success', reconnected: true }) },
  ],
  [
    'retry with a button',
    {
      outcome: retryOutcome(
        { provider: emerge },
        { screen: 'retry', code: 'access_denied', action: 'retry' },
      ),
      onRetry: () => {},
    },
  ],
  [
    'retry with a way back, as links',
    {
      outcome: retryOutcome(
        { provider: gigs },
        { screen: 'retry', code: 'user_aborted', action: 'go-back' },
      ),
      returnTo: '/plans',
    },
  ],
  [
    'admin approval',
    {
      outcome: adminApprovalOutcome(
        { provider: emerge },
        { screen: 'admin-approval', code: 'admin_policy_enforced', action: 'request-approval' },
      ),
    },
  ],
  [
    'error with support',
    {
      outcome: errorOutcome(
        { provider: zapier },
        { screen: 'error', code: 'popup_blocked', action: 'retry' },
      ),
      supportUrl: '/help',
    },
  ],
  [
    'error, data invalid',
    {
      outcome: errorOutcome(
        { provider: emerge },
        { screen: 'error', code: 'data_invalid', action: 'try-later' },
      ),
    },
  ],
  [
    'error, unsolicited callback',
    {
      outcome: errorOutcome(
        { provider: gigs },
        { screen: 'error', code: 'unsolicited_callback', action: 'retry' },
      ),
    },
  ],
  [
    'popup that could not close',
    {
      outcome: retryOutcome(
        { provider: gigs },
        { screen: 'retry', code: 'cancelled', action: 'retry' },
      ),
      closeHint: true,
    },
  ],
];

async function violationsIn(container: HTMLElement) {
  const { violations } = await axe.run(container);
  return violations.map((violation) => `${violation.id}: ${violation.help}`);
}

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  vi.unstubAllGlobals();
});

describe('accessibility', () => {
  it.each(cases)('%s: no axe violations', async (_name, props) => {
    const { container } = render(<CallbackScreen {...props} />);
    expect(await violationsIn(container)).toEqual([]);
  });

  it('the pending section: no axe violations', async () => {
    // A popup waiting for its opener's receipt (a channel that never answers).
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        onmessage = null;
        postMessage() {}
        close() {}
      },
    );
    saveFlowRecord({
      provider: 'gigs',
      mode: 'popup',
      state: 's',
      flowId: 'f',
      relayKey: 'k'.repeat(43),
      expiresAt: Date.now() + 60_000,
    });
    history.replaceState(null, '', '/cb?session_id=csn_1&status=success');
    const { container } = render(<ConnectCallbackPage />);
    expect(container.querySelector('[data-state="pending"]')).not.toBeNull();
    expect(await violationsIn(container)).toEqual([]);
  });

  it('labels the region with its heading and announces a problem as an alert', () => {
    const timeout = retryOutcome(
      { provider: gigs },
      { screen: 'retry', code: 'timeout', action: 'retry' },
    );
    render(<CallbackScreen outcome={timeout} />);
    expect(screen.getByRole('region', { name: 'Not connected yet' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(sharedMessages.timeout);
  });

  it('announces a success politely, as a status', () => {
    render(<CallbackScreen outcome={successOutcome({ provider: gigs }, { screen: 'success' })} />);
    expect(screen.getByRole('status').textContent).toBe(sharedMessages.success);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
