import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import {
  failure,
  outcomeMessages as m,
  readProviderMessage,
  saveFlowContext,
  zapier,
  type ConnectOutcome,
  type FlowContext,
} from '../src/core/index';
import { CallbackScreen } from '../src/react/CallbackScreen';
import { ConnectCallbackPage } from '../src/react/ConnectCallbackPage';

/**
 * The callback page for every example URL in the providers' documents (seeds 000-003), the
 * useConnect failures it can also show, and the ways to customise it. Each play function
 * checks the heading and the message; the a11y addon fails a story on any axe violation.
 */
const meta = {
  title: 'ConnectCallbackPage',
  component: ConnectCallbackPage,
  args: { onOutcome: fn(), onSuccess: fn(), onRetry: fn(), onBack: fn() },
  argTypes: {
    url: { control: 'text' },
    provider: { control: 'select', options: [undefined, 'gigs', 'emerge', 'zapier'] },
    expectedState: { control: 'text' },
    supportUrl: { control: 'text' },
    unstyled: { control: 'boolean' },
    messages: { control: 'object' },
    classNames: { control: 'object' },
  },
} satisfies Meta<typeof ConnectCallbackPage>;
export default meta;
type Story = StoryObj<typeof meta>;

const uid = 'psub_d4e5f6789012345678901234abcdef01';
const emerge = (query: string) => `https://yourapp.com/callback?${query}&state=abc123&uid=${uid}`;
const gigs = (base: string, status: string) => `${base}?session_id=csn_123&status=${status}`;

/** A story for one callback URL, with a play function asserting what the user reads. */
const page = (url: string, heading: string, message: string, args: Story['args'] = {}): Story => ({
  args: { url, ...args },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent(heading);
    const live = canvas.getByRole(
      heading === 'Connected' || heading === 'Reconnected' ? 'status' : 'alert',
    );
    await expect(live).toHaveTextContent(message);
    // Nothing from the parameters reaches the screen.
    await expect(canvas.queryByText(/psub_|csn_123|12345/)).toBeNull();
  },
});

/** A story for an outcome that does not come from a URL (a popup message, a failed flow). */
const screen = (outcome: ConnectOutcome, heading: string, message: string): Story => ({
  args: {},
  render: (args) => <CallbackScreen {...args} outcome={outcome} />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent(heading);
    await expect(canvas.getByText(message)).toBeVisible();
  },
});

const withFlow = (context: Partial<FlowContext>) => () => {
  saveFlowContext({ provider: 'emerge', mode: 'redirect', startedAt: Date.now(), ...context });
};

// Gigs Connect sessions (seeds 000 and 001): every row of both tables.
export const GigsSuccess = page(
  gigs('https://example.com/link', 'success'),
  'Connected',
  m.success,
);
export const GigsDeepLinkSuccess = page(
  gigs('myapp://deep-link', 'success'),
  'Connected',
  m.success,
);
export const GigsExpiredSession = page(
  gigs('https://example.com/link', 'auth_expired'),
  'Not connected yet',
  m.auth_expired,
);
export const GigsBadConfiguration = page(
  gigs('https://example.com/link', 'bad_configuration'),
  'Connection failed',
  m.bad_configuration,
  { supportUrl: 'https://example.com/support' },
);
export const GigsLegacyNotAllowed = page(
  gigs('https://example.com/legacy', 'not_allowed'),
  'Connection failed',
  m.bad_configuration,
);
export const GigsUserAborted = page(
  gigs('https://example.com/link', 'user_aborted'),
  'Not connected yet',
  m.user_aborted,
);

// Emerge consent (seed 002): the three status examples and every error code.
export const EmergeSuccess = page(emerge('status=success'), 'Connected', m.success, {
  expectedState: 'abc123',
});
export const EmergeReauthorized = page(
  emerge('status=reauthorized'),
  'Reconnected',
  m.reconnected,
  {
    expectedState: 'abc123',
  },
);
const emergeFailure = (code: string, heading: string, message: string) =>
  page(emerge(`status=failure&error_code=${code}`), heading, message, { expectedState: 'abc123' });
export const EmergeUserFailed = emergeFailure(
  'user_failed',
  'Not connected yet',
  'You cancelled the connection. Click below to try again.',
);
export const EmergeDataInvalid = emergeFailure(
  'data_invalid',
  'Connection failed',
  "Your account doesn't have enough data history yet.",
);
export const EmergeAccessDenied = emergeFailure(
  'access_denied',
  'Not connected yet',
  'Permission was denied. We need access to provide this feature.',
);
export const EmergeInvalidScope = emergeFailure(
  'invalid_scope',
  'Connection failed',
  m.invalid_scope,
);
export const EmergeAdminPolicyEnforced = emergeFailure(
  'admin_policy_enforced',
  'Approval needed',
  "Your organization's policy prevents this connection.",
);
export const EmergeUidConflict = emergeFailure('uid_conflict', 'Connection failed', m.generic);
export const EmergeUnknownCode = emergeFailure('brand_new_code', 'Connection failed', m.generic);
export const EmergeStateMismatch = page(
  emerge('status=success').replace('/callback', '/forged'),
  'Connection failed',
  m.invalid_state,
  {
    expectedState: 'the-state-this-browser-stored',
  },
);

// Zapier Connect UI (seed 003): the redirect examples, other errors, a reconnect, the popup messages.
export const ZapierSuccess = page(
  'https://your-app.com/callback?authentication_id=12345&service=SlackAPI',
  'Connected',
  m.success,
);
export const ZapierAccessDenied = page(
  'https://your-app.com/callback?error=access_denied&service=SlackAPI',
  'Not connected yet',
  m.access_denied,
);
export const ZapierInvalidRequest = page(
  'https://your-app.com/callback?error=invalid_request&error_description=Token+expired&service=SlackAPI',
  'Connection failed',
  m.invalid_request,
);
export const ZapierServerError = page(
  'https://your-app.com/callback?error=server_error&service=SlackAPI',
  'Connection failed',
  m.server_error,
);
export const ZapierReconnect: Story = {
  ...page(
    'https://your-app.com/reconnect?authentication_id=12345&service=SlackAPI',
    'Reconnected',
    m.reconnected,
  ),
  beforeEach: withFlow({ provider: 'zapier', reconnect: true }),
};
// What useConnect reads from the Zapier popup: the core's own reader, with a matching event.
const connectOrigin = 'https://connect.zapier.com';
const zapierMessage = (data: object) =>
  readProviderMessage(
    zapier,
    { origin: connectOrigin, source: window, data },
    {
      origin: connectOrigin,
      source: window,
    },
  )!;
export const ZapierPopupSuccess = screen(
  zapierMessage({ type: 'authenticationSuccess', authId: 12345 }),
  'Connected',
  m.success,
);
export const ZapierPopupError = screen(
  zapierMessage({ type: 'authenticationError', error: 'access_denied' }),
  'Not connected yet',
  m.access_denied,
);

// Anything else, and the parameter text an attacker could write.
export const NothingRecognisable = page(
  'https://example.com/callback?foo=bar',
  'Connection failed',
  m.generic,
);
export const PhishingText = page(
  'https://your-app.com/callback?error=Call+555-0100+to+fix+your+account&service=SlackAPI',
  'Connection failed',
  m.generic,
);

// Outcomes of useConnect the same screens can show.
export const PopupBlocked = screen(
  failure('zapier', 'popup_blocked'),
  'Connection failed',
  m.popup_blocked,
);
export const Cancelled = screen(
  failure('gigs', 'cancelled', 'retry'),
  'Not connected yet',
  m.cancelled,
);
export const PopupThatCouldNotClose: Story = {
  args: { url: emerge('status=success').replace('/callback', '/popup-callback') },
  beforeEach: () => {
    withFlow({ mode: 'popup', state: 'abc123' })();
    // Stands in for the opener's useConnect, which sends a receipt for the relay it took.
    const opener = new BroadcastChannel('react-connect-flow');
    opener.onmessage = ({ data }) => opener.postMessage({ type: 'rcf:ack', flow: data.flow });
    return () => opener.close();
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent('Connected');
    // The story's frame was not opened by a script, so `window.close()` is refused.
    await expect(await canvas.findByText('You can close this window.')).toBeVisible();
  },
};

// Customisation.
export const ThemedWithCssVariables: Story = {
  ...GigsSuccess,
  decorators: [
    (Story) => (
      <div
        style={
          {
            '--rcf-font': 'Georgia, serif',
            '--rcf-accent': '#6b21a8',
            '--rcf-accent-fg': '#ffffff',
            '--rcf-success': '#6b21a8',
            '--rcf-radius': '0',
          } as React.CSSProperties
        }
      >
        <Story />
      </div>
    ),
  ],
};
export const DarkScheme: Story = {
  ...GigsUserAborted,
  decorators: [
    (Story) => (
      <div
        style={
          {
            '--rcf-fg': '#e6edf3',
            '--rcf-muted': '#9198a1',
            '--rcf-bg': '#0d1117',
            '--rcf-surface': '#161b22',
            '--rcf-border': '#3d444d',
            '--rcf-accent': '#4c8df6',
            '--rcf-accent-fg': '#0d1117',
            '--rcf-warning': '#d29922',
            colorScheme: 'dark',
          } as React.CSSProperties
        }
      >
        <Story />
      </div>
    ),
  ],
};
export const CustomMessages = page(
  gigs('https://example.com/de', 'auth_expired'),
  'Noch nicht verbunden',
  'Die Sitzung ist abgelaufen. Bitte beginnen Sie erneut.',
  {
    messages: {
      heading_retry: 'Noch nicht verbunden',
      auth_expired: 'Die Sitzung ist abgelaufen. Bitte beginnen Sie erneut.',
      retry: 'Erneut versuchen',
    },
  },
);
export const ReplacedScreen: Story = {
  args: {
    url: gigs('https://example.com/replaced', 'success'),
    components: {
      success: ({ heading, message, className }) => (
        <>
          <h1 className={className('heading')}>🎉 {heading}</h1>
          <p className={className('message')}>{message} Your plan is ready.</p>
        </>
      ),
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent(
      '🎉 Connected',
    );
    await expect(canvas.getByText(`${m.success} Your plan is ready.`)).toBeVisible();
  },
};
export const UnstyledWithOwnClasses: Story = {
  ...GigsExpiredSession,
  args: {
    url: gigs('https://example.com/unstyled', 'auth_expired'),
    unstyled: true,
    classNames: { root: 'my-card', heading: 'my-title' },
  },
};
