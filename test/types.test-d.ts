// Type tests: checked by `npm run typecheck` (tsc), like TanStack Query's *.test-d.tsx files.
// The tsconfig is strict with exactOptionalPropertyTypes, as the strictest app's would be.
import { createElement, type ComponentProps } from 'react';
import { expectTypeOf } from 'vitest';
import {
  builtInProviders,
  CallbackScreen,
  ConnectCallbackPage,
  emerge,
  gigs,
  parseCallback,
  useCallbackOutcome,
  useConnect,
  useExportStatus,
  zapier,
  type CallbackMessages,
  type CallbackOutcome,
  type CancelledOutcome,
  type ConnectEvent,
  type ConnectOutcome,
  type ConnectStatus,
  type ErrorOutcome,
  type FailureOutcome,
  type GigsLaunch,
  type KnownCode,
  type LaunchOf,
  type OutcomeCode,
  type OutcomeSummary,
  type ProviderAdapter,
  type Screen,
  type ScreenProps,
  type SuccessOf,
  type SuccessOutcome,
  type ZapierLaunch,
} from '../src/index';
// A custom adapter picks how its popup result comes back from the React-free entry.

declare const outcome: ConnectOutcome;

// The outcome is a union discriminated on `screen`: success has no code, the rest always one.
expectTypeOf(outcome.screen).toEqualTypeOf<Screen>();
if (outcome.screen === 'success') {
  expectTypeOf(outcome.code).toEqualTypeOf<undefined>();
} else {
  expectTypeOf(outcome.code).toEqualTypeOf<OutcomeCode>();
}
expectTypeOf(outcome.authenticationId).toEqualTypeOf<string | undefined>();
expectTypeOf<ErrorOutcome['code']>().toEqualTypeOf<OutcomeCode>();
expectTypeOf<undefined>().not.toExtend<ErrorOutcome['code']>();
// @ts-expect-error an error always has a code
export const noCode: ErrorOutcome['code'] = undefined;

// `OutcomeCode` keeps the known codes (so they autocomplete) and accepts any other string.
expectTypeOf<
  Extract<OutcomeCode, 'unsolicited_callback'>
>().toEqualTypeOf<'unsolicited_callback'>();
expectTypeOf<Extract<OutcomeCode, 'access_denied'>>().toEqualTypeOf<'access_denied'>();
expectTypeOf<Extract<OutcomeCode, 'acme_quota'>>().toBeNever();
expectTypeOf<KnownCode>().toExtend<OutcomeCode>();
expectTypeOf<'acme_quota'>().toExtend<OutcomeCode>();
expectTypeOf<OutcomeCode>().toExtend<string>();

// Every input form: a URL string, a deep link, a URL, URLSearchParams; a provider is an adapter.
expectTypeOf(parseCallback).toBeCallableWith('myapp://deep-link?session_id=csn_1&status=success', {
  provider: gigs,
});
expectTypeOf(parseCallback).toBeCallableWith(new URL('https://e.com/cb'), {
  provider: builtInProviders,
});
expectTypeOf(parseCallback).toBeCallableWith(new URLSearchParams('a=1'), {
  provider: [gigs, zapier],
  expectedState: undefined,
});
// @ts-expect-error providers are adapter objects, never strings
parseCallback('a=1', { provider: 'gigs' });

// A custom adapter, as an app would write one.
const acme: ProviderAdapter<{ acmeUrl: string }> = {
  id: 'acme',
  params: ['acme_result'],
  signatures: [['acme_result']],
  binding: 'flow',
  messages: { acme_quota: 'Your plan is full.' },
  parse: () => ({ screen: 'success' }),
  launchUrl: (launch) => launch.acmeUrl,
  returns: 'relay',
};

// `launch` returns what the chosen adapter needs, and `onSuccess` gets its identifier.
expectTypeOf<LaunchOf<typeof zapier>>().toEqualTypeOf<ZapierLaunch>();
expectTypeOf<LaunchOf<typeof gigs>>().toEqualTypeOf<GigsLaunch>();
expectTypeOf<LaunchOf<typeof acme>>().toEqualTypeOf<{ acmeUrl: string }>();
expectTypeOf<SuccessOf<typeof gigs>['sessionId']>().toEqualTypeOf<string>();
expectTypeOf<SuccessOf<typeof acme>>().toExtend<SuccessOutcome>();

export function LaunchTypes() {
  useConnect({ provider: zapier, launch: async () => ({ token: 't', app: 'SlackAPI' }) });
  useConnect({ provider: gigs, launch: async () => ({ url: 'https://connect.gigs.com/x' }) });
  useConnect({
    provider: emerge,
    launch: async ({ state, redirectUri }) => ({ url: `${redirectUri}?state=${state}` }),
  });
  useConnect({
    provider: gigs,
    launch: async () => ({ url: 'https://connect.gigs.com/x' }),
    onSuccess: (success) => expectTypeOf(success.sessionId).toEqualTypeOf<string>(),
  });
  useConnect({
    provider: emerge,
    launch: async () => ({ url: 'https://link.emergedata.ai/x' }),
    onSuccess: (success) => expectTypeOf(success.uid).toEqualTypeOf<string>(),
  });
  useConnect({
    provider: zapier,
    launch: async () => ({ token: 't', app: 'a' }),
    onSuccess: (success) => {
      expectTypeOf(success.screen).toEqualTypeOf<'success'>();
      // Each provider's success carries its identifier, not an optional one.
      expectTypeOf(success.authenticationId).toEqualTypeOf<string>();
    },
    onCancel: (cancelled) => {
      expectTypeOf(cancelled).toEqualTypeOf<CancelledOutcome>();
      expectTypeOf(cancelled.code).toEqualTypeOf<'cancelled'>();
      expectTypeOf(cancelled.screen).toEqualTypeOf<'retry'>();
    },
    onError: (failure) => expectTypeOf(failure).toEqualTypeOf<FailureOutcome>(),
    onOutcome: (any) => expectTypeOf(any).toEqualTypeOf<ConnectOutcome>(),
  });
  // @ts-expect-error a Zapier launch needs the connect token and the app
  useConnect({ provider: zapier, launch: async () => ({ url: 'https://x' }) });
  // @ts-expect-error a Gigs launch needs the session url
  useConnect({ provider: gigs, launch: async () => ({ token: 't' }) });
  // @ts-expect-error launch is asynchronous: it asks the app's backend
  useConnect({ provider: gigs, launch: () => ({ url: 'https://connect.gigs.com/x' }) });
  // @ts-expect-error providers are adapter objects, never strings
  useConnect({ provider: 'zapier', launch: async () => ({ token: 't', app: 'a' }) });

  useConnect({ provider: acme, launch: async () => ({ acmeUrl: 'https://acme.example' }) });
  // @ts-expect-error a custom adapter's launch type is enforced too
  useConnect({ provider: acme, launch: async () => ({ url: 'https://acme.example' }) });

  const {
    status,
    open,
    close,
    reset,
    outcome: last,
  } = useConnect({
    provider: zapier,
    launch: async () => ({ token: 't', app: 'a' }),
  });
  expectTypeOf(status).toEqualTypeOf<ConnectStatus>();
  expectTypeOf(open).toEqualTypeOf<() => void>();
  expectTypeOf(close).toEqualTypeOf<() => void>();
  expectTypeOf(reset).toEqualTypeOf<() => void>();
  expectTypeOf(last).toEqualTypeOf<ConnectOutcome | undefined>();

  // Apps with exactOptionalPropertyTypes can pass options that may be undefined.
  const maybe = (): string | undefined => undefined;
  useConnect({
    provider: gigs,
    launch: async () => ({ url: 'https://connect.gigs.com/x' }),
    mode: undefined,
    redirectUri: maybe(),
    onSuccess: undefined,
    popup: { width: undefined },
  });
  useExportStatus({ endpoint: '/x', providers: undefined, timeout: undefined, enabled: undefined });

  const exportStatus = useExportStatus({ endpoint: '/api/export-status' });
  expectTypeOf(exportStatus.status).toEqualTypeOf<
    'idle' | 'polling' | 'ready' | 'failed' | 'timed-out' | 'error'
  >();

  const view = useCallbackOutcome({ expectedState: maybe(), url: maybe(), verified: undefined });
  expectTypeOf(view).toEqualTypeOf<CallbackOutcome>();
  expectTypeOf(view.outcome).toEqualTypeOf<ConnectOutcome | undefined>();
  expectTypeOf(view.returnTo).toEqualTypeOf<string | undefined>();
  return null;
}

// The callback page's messages: any part of the table, keyed per provider; nothing misspelled.
type PageProps = ComponentProps<typeof ConnectCallbackPage>;
const messages: Partial<CallbackMessages> = {
  heading_error: 'Fehler',
  pending: 'Einen Moment',
  unsolicited_callback: 'Bitte in der App neu starten.',
  access_denied: 'Zugriff verweigert.',
  'zapier.access_denied': 'Zapier: Zugriff verweigert.',
  'emerge.user_failed': 'Abgebrochen.',
  'gigs.auth_expired': 'Sitzung abgelaufen.',
};
export const withMessages = createElement(ConnectCallbackPage, { messages });
export const withMaybeMessages = createElement(ConnectCallbackPage, {
  messages: undefined,
  supportUrl: undefined,
  expectedState: undefined,
});
// @ts-expect-error a misspelled key
export const misspelled: PageProps['messages'] = { acces_denied: 'x' };
// @ts-expect-error a key nothing reads
export const unknownKey: PageProps['messages'] = { welcome: 'x' };
// @ts-expect-error Zapier sends no user_failed: only Emerge's own codes take its prefix
export const wrongProvider: PageProps['messages'] = { 'zapier.user_failed': 'x' };
// @ts-expect-error a value is a string
export const notAString: PageProps['messages'] = { access_denied: 1 };
expectTypeOf<{ 'zapier.access_denied': string }>().toExtend<Partial<CallbackMessages>>();
expectTypeOf<{ 'emerge.access_denied': string }>().toExtend<Partial<CallbackMessages>>();

// The page takes adapters, the app's word and a verified outcome.
declare const verified: OutcomeSummary;
export const page = createElement(ConnectCallbackPage, {
  providers: [gigs, acme],
  expectedState: 's',
  expectedSessionId: 'csn_1',
  verified,
  url: '/connect/callback?session_id=csn_1&status=success',
  onSuccess: (success) => expectTypeOf(success).toEqualTypeOf<SuccessOutcome>(),
  onOutcome: (any) => expectTypeOf(any).toEqualTypeOf<ConnectOutcome>(),
});
// @ts-expect-error the page takes `providers` (adapters), not a provider name
export const withProvider = createElement(ConnectCallbackPage, { provider: 'gigs' });

// A replacement screen gets the words, never `messages`.
export const replaced = createElement(CallbackScreen, {
  outcome,
  components: {
    error: (props: ScreenProps) => {
      expectTypeOf(props.words.retry).toEqualTypeOf<string>();
      expectTypeOf(props.retry).toEqualTypeOf<(() => void) | undefined>();
      // @ts-expect-error the words are `words`
      return props.messages;
    },
  },
});

// The funnel's events: discriminated on `type`; only `outcome` has a screen and a code.
declare const event: ConnectEvent;
if (event.type === 'outcome') {
  expectTypeOf(event.screen).toEqualTypeOf<Screen>();
  expectTypeOf(event.code).toEqualTypeOf<OutcomeCode | undefined>();
} else {
  expectTypeOf(event.type).toEqualTypeOf<
    'started' | 'popup_blocked' | 'launched' | 'launch_failed' | 'provider_shown' | 'returned'
  >();
  // @ts-expect-error a step has no screen
  expectTypeOf(event.screen).toBeUnknown();
}
expectTypeOf(event.mode).toEqualTypeOf<'popup' | 'redirect'>();
expectTypeOf<Parameters<typeof useConnect>[0]['onEvent']>().toEqualTypeOf<
  ((event: ConnectEvent) => void) | undefined
>();
expectTypeOf<ComponentProps<typeof ConnectCallbackPage>['onEvent']>().toEqualTypeOf<
  ((event: ConnectEvent) => void) | undefined
>();
