import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, fn } from 'storybook/test';
import {
  emerge as emergeAdapter,
  emergeMessages,
  gigsMessages,
  readProviderMessage,
  sharedMessages as m,
  summarize,
  parseCallback,
  zapier,
  zapierMessages,
  type ConnectOutcome,
  type FlowRecord,
  type ProviderAdapter,
} from '../src/core/index';
import { saveFlowRecord } from '../src/core/browser/flowRecord';
import { cancelledOutcome, popupBlockedOutcome } from '../src/core/flow/flowFailure';
import { gigs } from '../src/core/model/providers/gigs';
import { relayChannelName } from '../src/core/wire/protocol';
import { callbackScreenText } from '../src/react/callbackText';
import { CallbackScreen } from '../src/react/CallbackScreen';
import { ConnectCallbackPage } from '../src/react/ConnectCallbackPage';

/**
 * The callback page for every example URL in the providers' documents (seeds 000-003), the
 * crafted links it refuses, the useConnect failures it can also show, and the ways to
 * customise it. Each play function checks the heading and the message; the a11y addon fails a
 * story on any axe violation.
 */
const meta = {
  title: 'ConnectCallbackPage',
  component: ConnectCallbackPage,
  args: { onOutcome: fn(), onSuccess: fn(), onRetry: fn(), onBack: fn() },
  argTypes: {
    url: { control: 'text' },
    expectedState: { control: 'text' },
    expectedSessionId: { control: 'text' },
    supportUrl: { control: 'text' },
    unstyled: { control: 'boolean' },
    messages: { control: 'object' },
    classNames: { control: 'object' },
    providers: { control: false },
    verified: { control: false },
    components: { control: false },
  },
  // Stories share one window: each starts with no stored flow and no remembered screen (the
  // page keeps its screen in the history entry, so a reload shows it again).
  beforeEach: () => {
    sessionStorage.removeItem('rcf:flow');
    const entry: Record<string, unknown> = { ...(history.state as object | null) };
    delete entry.rcf;
    history.replaceState(entry, '');
  },
} satisfies Meta<typeof ConnectCallbackPage>;
export default meta;
type Story = StoryObj<typeof meta>;

const uid = 'psub_d4e5f6789012345678901234abcdef01';
/** The state the app's server signed into the Emerge link (it vouches with `expectedState`). */
const state = 'abc123';
const emerge = (query: string) => `https://yourapp.com/callback?${query}&state=${state}&uid=${uid}`;
const gigsUrl = (base: string, status: string) => `${base}?session_id=csn_123&status=${status}`;
/** The Gigs session the app launched (it vouches with `expectedSessionId`). */
const launchedSession = { expectedSessionId: 'csn_123' };

const liveRole = (heading: string) =>
  heading === 'Connected' || heading === 'Reconnected' ? 'status' : 'alert';

/** A story for one callback URL, with a play function asserting what the user reads. */
const page = (url: string, heading: string, message: string, args: Story['args'] = {}): Story => ({
  args: { url, ...args },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent(heading);
    await expect(canvas.getByRole(liveRole(heading))).toHaveTextContent(message);
    // Nothing from the parameters reaches the screen.
    await expect(canvas.queryByText(/psub_|csn_|12345|666/)).toBeNull();
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

/** A flow this tab stored before leaving (what useConnect writes), for the page to verify. */
const withFlow = (context: Partial<FlowRecord>) => () => {
  saveFlowRecord({
    provider: 'emerge',
    mode: 'redirect',
    state,
    expiresAt: Date.now() + 10 * 60_000,
    ...context,
  });
};

// Gigs Connect sessions (seeds 000 and 001): every row of both tables.
export const GigsSuccess = page(
  gigsUrl('https://example.com/link', 'success'),
  'Connected',
  m.success,
  launchedSession,
);
export const GigsDeepLinkSuccess = page(
  gigsUrl('myapp://deep-link', 'success'),
  'Connected',
  m.success,
  launchedSession,
);
export const GigsExpiredSession = page(
  gigsUrl('https://example.com/link', 'auth_expired'),
  'Not connected yet',
  gigsMessages.auth_expired,
);
export const GigsBadConfiguration = page(
  gigsUrl('https://example.com/link', 'bad_configuration'),
  'Connection failed',
  gigsMessages.bad_configuration,
  { supportUrl: 'https://example.com/support' },
);
export const GigsLegacyNotAllowed = page(
  gigsUrl('https://example.com/legacy', 'not_allowed'),
  'Connection failed',
  gigsMessages.bad_configuration,
);
export const GigsUserAborted = page(
  gigsUrl('https://example.com/link', 'user_aborted'),
  'Not connected yet',
  gigsMessages.user_aborted,
);
export const GigsOtherSession = page(
  'https://example.com/link?session_id=csn_other&status=success',
  'Connection failed',
  m.session_mismatch,
  launchedSession,
);

// Emerge consent (seed 002): the three status examples and every error code.
export const EmergeSuccess = page(emerge('status=success'), 'Connected', m.success, {
  expectedState: state,
});
export const EmergeReauthorized = page(
  emerge('status=reauthorized'),
  'Reconnected',
  m.reconnected,
  {
    expectedState: state,
  },
);
const emergeFailure = (code: string, heading: string, message: string, args: Story['args'] = {}) =>
  page(emerge(`status=failure&error_code=${code}`), heading, message, {
    expectedState: state,
    ...args,
  });
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
  emergeMessages.invalid_scope,
);
export const EmergeAdminPolicyEnforced = emergeFailure(
  'admin_policy_enforced',
  'Approval needed',
  "Your organization's policy prevents this connection.",
);
export const EmergeUidConflict = emergeFailure('uid_conflict', 'Connection failed', m.generic);
export const EmergeUnknownCode = emergeFailure('brand_new_code', 'Connection failed', m.generic);
export const EmergeStateMismatch = page(
  emerge('status=success'),
  'Connection failed',
  m.invalid_state,
  {
    expectedState: 'the-state-this-browser-stored',
  },
);

// Zapier Connect UI (seed 003): the redirect examples, other errors, a reconnect, the popup messages.
export const ZapierSuccess: Story = {
  ...page(
    'https://your-app.com/callback?authentication_id=12345&service=SlackAPI',
    'Connected',
    m.success,
  ),
  beforeEach: withFlow({ provider: 'zapier' }),
};
export const ZapierAccessDenied = page(
  'https://your-app.com/callback?error=access_denied&service=SlackAPI',
  'Not connected yet',
  zapierMessages.access_denied,
);
export const ZapierInvalidRequest = page(
  'https://your-app.com/callback?error=invalid_request&error_description=Token+expired&service=SlackAPI',
  'Connection failed',
  zapierMessages.invalid_request,
);
export const ZapierServerError = page(
  'https://your-app.com/callback?error=server_error&service=SlackAPI',
  'Connection failed',
  zapierMessages.server_error,
);
export const ZapierReconnect: Story = {
  ...page(
    'https://your-app.com/reconnect?authentication_id=12345&service=SlackAPI',
    'Reconnected',
    m.reconnected,
  ),
  beforeEach: withFlow({ provider: 'zapier', reconnect: true }),
};
// What useConnect reads from the Zapier popup: the core's own reader, with a matching event,
// for the flow that sent this state.
const connectOrigin = 'https://connect.zapier.com';
const zapierMessage = (data: object) =>
  readProviderMessage(
    zapier,
    { origin: connectOrigin, source: window, data },
    { origin: connectOrigin, source: window },
    { expectedState: state },
  )!;
export const ZapierPopupSuccess = screen(
  zapierMessage({ type: 'authenticationSuccess', authId: 12345 }),
  'Connected',
  m.success,
);
export const ZapierPopupError = screen(
  zapierMessage({ type: 'authenticationError', error: 'access_denied' }),
  'Not connected yet',
  zapierMessages.access_denied,
);

// Crafted links: a success that no flow of this tab started, and nobody vouched for, is refused.
export const UnsolicitedGigs = page(
  'https://your-app.com/connect/callback?session_id=csn_attacker&status=success',
  'Connection failed',
  m.unsolicited_callback,
);
export const UnsolicitedZapier = page(
  'https://your-app.com/connect/callback?authentication_id=666&service=SlackAPI',
  'Connection failed',
  m.unsolicited_callback,
);
export const UnsolicitedEmerge = page(
  `https://your-app.com/connect/callback?status=success&state=forged&uid=${uid}`,
  'Connection failed',
  m.unsolicited_callback,
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

// A verified outcome from the server half renders as it is.
export const Verified = page(
  'https://your-app.com/connect/callback',
  'Reconnected',
  m.reconnected,
  {
    verified: summarize(
      parseCallback(`?status=reauthorized&state=s&uid=${uid}`, {
        provider: emergeAdapter,
        expectedState: 's',
      }),
    ),
  },
);

// Outcomes of useConnect the same screens can show.
export const PopupBlocked = screen(
  popupBlockedOutcome(zapier),
  'Connection failed',
  m.popup_blocked,
);
export const Cancelled = screen(cancelledOutcome(gigs), 'Not connected yet', m.cancelled);

// In a useConnect popup: the page relays the callback to the opener and waits for its receipt.
const popupFlow = {
  mode: 'popup',
  state,
  flowId: 'story-flow',
  relayKey: 'k'.repeat(43),
} as const;
export const PopupWaitingForTheOpener: Story = {
  args: { url: emerge('status=success') },
  beforeEach: withFlow(popupFlow),
  play: async ({ canvas, canvasElement }) => {
    // Nothing decided yet: the pending section, announced politely.
    await expect(canvasElement.querySelector('[data-state="pending"]')).not.toBeNull();
    await expect(canvas.getByRole('status')).toHaveTextContent(callbackScreenText.pending);
    // No opener answers (it reloaded or closed): the page handles the callback itself.
    const heading = await canvas.findByRole('heading', { level: 1 }, { timeout: 4000 });
    await expect(heading).toHaveTextContent('Connected');
  },
};
export const PopupThatCouldNotClose: Story = {
  args: { url: emerge('status=success') },
  beforeEach: () => {
    withFlow(popupFlow)();
    // Stands in for the opener's useConnect, which sends a receipt for the relay it took.
    const opener = new BroadcastChannel(relayChannelName);
    opener.onmessage = ({ data }) => {
      const summary = summarize(
        parseCallback(`?status=success&state=${state}&uid=${uid}`, {
          provider: emergeAdapter,
          expectedState: state,
        }),
      );
      opener.postMessage({ type: 'rcf:ack', flowId: data.flowId, summary });
    };
    return () => opener.close();
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent('Connected');
    // The story's frame was not opened by a script, so `window.close()` is refused.
    await expect(await canvas.findByText(callbackScreenText.close)).toBeVisible();
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
          } as CSSProperties
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
          } as CSSProperties
        }
      >
        <Story />
      </div>
    ),
  ],
};
export const CustomMessages = page(
  gigsUrl('https://example.com/de', 'auth_expired'),
  'Noch nicht verbunden',
  'Die Sitzung ist abgelaufen. Bitte beginnen Sie erneut.',
  {
    messages: {
      heading_retry: 'Noch nicht verbunden',
      'gigs.auth_expired': 'Die Sitzung ist abgelaufen. Bitte beginnen Sie erneut.',
      retry: 'Erneut versuchen',
    },
  },
);
// `{provider}.{code}` rewords one provider's text; `{code}` rewords it for every provider.
const zapierOnly = { 'zapier.access_denied': 'Zapier needs your permission to connect.' };
export const MessageForOneProvider = page(
  'https://your-app.com/callback?error=access_denied&service=SlackAPI',
  'Not connected yet',
  zapierOnly['zapier.access_denied'],
  { messages: zapierOnly },
);
export const MessageForOneProviderLeavesOthers = emergeFailure(
  'access_denied',
  'Not connected yet',
  emergeMessages.access_denied,
  { messages: zapierOnly },
);
const everyProvider = { access_denied: 'Access was not granted. Please try again.' };
export const MessageForEveryProvider = emergeFailure(
  'access_denied',
  'Not connected yet',
  everyProvider.access_denied,
  { messages: everyProvider },
);
export const ReplacedScreen: Story = {
  args: {
    ...launchedSession,
    url: gigsUrl('https://example.com/replaced', 'success'),
    components: {
      success: ({ heading, message, words, className }) => (
        <>
          <h1 className={className('heading')}>🎉 {heading}</h1>
          <p className={className('message')}>{message} Your plan is ready.</p>
          <a className={className('action')} href="/plans">
            {words.continue}
          </a>
        </>
      ),
    },
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1 })).toHaveTextContent(
      '🎉 Connected',
    );
    await expect(canvas.getByText(`${m.success} Your plan is ready.`)).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Continue' })).toBeVisible();
  },
};
export const UnstyledWithOwnClasses: Story = {
  ...GigsExpiredSession,
  args: {
    url: gigsUrl('https://example.com/unstyled', 'auth_expired'),
    unstyled: true,
    classNames: { root: 'my-card', heading: 'my-title' },
  },
};

// A fourth provider is one adapter object: its parameters, its codes, its words.
const acme: ProviderAdapter<{ url: string }> = {
  id: 'acme',
  params: ['acme_result', 'state'],
  signatures: [['acme_result']],
  binding: 'state',
  messages: { quota_exceeded: 'Your Acme plan has no room for another connection.' },
  parse: ({ acme_result: result }) =>
    result === 'ok'
      ? { screen: 'success' }
      : { screen: 'error', code: 'quota_exceeded', action: 'contact-support' },
  launchUrl: (launch) => launch.url,
  returns: 'relay',
};
export const CustomAdapter = page(
  `https://your-app.com/callback?acme_result=quota_exceeded&state=${state}`,
  'Connection failed',
  acme.messages.quota_exceeded ?? '',
  { providers: [acme], expectedState: state, supportUrl: 'https://acme.example/help' },
);
