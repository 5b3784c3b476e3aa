import { render } from '@testing-library/react';
import axe from 'axe-core';
import { createOutcome, failure, type OutcomeParts } from '../../src/core/index';
import { CallbackScreen, type CallbackScreenProps } from '../../src/react/CallbackScreen';

const outcome = (provider: string, parts: OutcomeParts) => createOutcome(provider, parts);
const cases: [string, CallbackScreenProps][] = [
  ['success', { outcome: outcome('gigs', { screen: 'success', action: 'continue' }) }],
  [
    'success, reconnected',
    { outcome: outcome('emerge', { screen: 'success', action: 'continue', reconnected: true }) },
  ],
  [
    'retry with a way back',
    {
      outcome: outcome('gigs', { screen: 'retry', code: 'user_aborted', action: 'go-back' }),
      onRetry: () => {},
      returnTo: '/plans',
    },
  ],
  [
    'admin approval',
    {
      outcome: outcome('emerge', {
        screen: 'admin-approval',
        code: 'admin_policy_enforced',
        action: 'request-approval',
      }),
    },
  ],
  ['error with support', { outcome: failure('zapier', 'popup_blocked'), supportUrl: '/help' }],
  [
    'error, data invalid',
    { outcome: outcome('emerge', { screen: 'error', code: 'data_invalid', action: 'try-later' }) },
  ],
  [
    'popup that could not close',
    { outcome: failure('gigs', 'cancelled', 'retry'), closeHint: true },
  ],
];

describe('accessibility', () => {
  it.each(cases)('%s: no axe violations', async (_name, props) => {
    const { container } = render(<CallbackScreen {...props} />);
    const { violations } = await axe.run(container);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('labels the region with its heading and announces a problem as an alert', () => {
    const { getByRole } = render(<CallbackScreen outcome={failure('gigs', 'timeout')} />);
    expect(getByRole('region', { name: 'Connection failed' })).toBeTruthy();
    expect(getByRole('alert').textContent).toBe('The connection took too long. Please try again.');
  });
});
