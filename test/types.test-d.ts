// Type tests: checked by `npm run typecheck` (tsc), like TanStack Query's *.test-d.tsx files.
import { expectTypeOf } from 'vitest';
import {
  parseCallback,
  useConnect,
  useExportStatus,
  type ConnectOutcome,
  type ConnectStatus,
  type ProviderAdapter,
  type Screen,
} from '../src/index';

declare const outcome: ConnectOutcome;

// The outcome is a union discriminated on `screen`: success has no code, the rest always one.
expectTypeOf(outcome.screen).toEqualTypeOf<Screen>();
if (outcome.screen === 'success') {
  expectTypeOf(outcome.code).toEqualTypeOf<undefined>();
} else {
  expectTypeOf(outcome.code).toEqualTypeOf<string>();
}
expectTypeOf(outcome.authenticationId).toEqualTypeOf<string | undefined>();

// Every input form the issue names.
expectTypeOf(parseCallback).toBeCallableWith('myapp://deep-link?session_id=csn_1&status=success');
expectTypeOf(parseCallback).toBeCallableWith(new URL('https://e.com/cb'));
expectTypeOf(parseCallback).toBeCallableWith(new URLSearchParams('a=1'), { provider: 'gigs' });

// `launch` returns what the chosen provider needs.
export function LaunchTypes() {
  useConnect({ provider: 'zapier', launch: async () => ({ token: 't', app: 'SlackAPI' }) });
  useConnect({ provider: 'gigs', launch: async () => ({ url: 'https://connect.gigs.com/x' }) });
  useConnect({
    provider: 'emerge',
    launch: async ({ state, redirectUri }) => ({ url: `${redirectUri}?state=${state}` }),
  });
  useConnect({
    provider: 'gigs',
    launch: async () => ({ url: 'https://connect.gigs.com/x' }),
    onSuccess: (success) => expectTypeOf(success.sessionId).toEqualTypeOf<string>(),
  });
  useConnect({
    provider: 'emerge',
    launch: async () => ({ url: 'https://link.emergedata.ai/x' }),
    onSuccess: (success) => expectTypeOf(success.uid).toEqualTypeOf<string>(),
  });
  // @ts-expect-error a Zapier launch needs the connect token and the app
  useConnect({ provider: 'zapier', launch: async () => ({ url: 'https://x' }) });
  // @ts-expect-error a Gigs launch needs the session url
  useConnect({ provider: 'gigs', launch: async () => ({ token: 't' }) });

  const acme: ProviderAdapter<{ acmeUrl: string }> = {
    id: 'acme',
    params: ['acme_result'],
    markers: ['acme_result'],
    parse: () => ({ screen: 'success', action: 'continue' }),
    launchUrl: (launch) => launch.acmeUrl,
  };
  useConnect({ provider: acme, launch: async () => ({ acmeUrl: 'https://acme.example' }) });
  // @ts-expect-error a custom adapter's launch type is enforced too
  useConnect({ provider: acme, launch: async () => ({ url: 'https://acme.example' }) });

  const { status, open } = useConnect({
    provider: 'zapier',
    launch: async () => ({ token: 't', app: 'a' }),
    onSuccess: (success) => {
      expectTypeOf(success.screen).toEqualTypeOf<'success'>();
      // Each provider's success carries its identifier, not an optional one.
      expectTypeOf(success.authenticationId).toEqualTypeOf<string>();
    },
  });
  expectTypeOf(status).toEqualTypeOf<ConnectStatus>();
  expectTypeOf(open).toEqualTypeOf<() => void>();

  // Apps with exactOptionalPropertyTypes can pass options that may be undefined.
  const maybe = (): string | undefined => undefined;
  useConnect({
    provider: 'gigs',
    launch: async () => ({ url: 'https://connect.gigs.com/x' }),
    mode: undefined,
    redirectUri: maybe(),
    onSuccess: undefined,
    popup: { width: undefined },
  });
  useExportStatus({ endpoint: '/x', providers: undefined, timeout: undefined, enabled: undefined });

  const exportStatus = useExportStatus({ endpoint: '/api/export-status' });
  expectTypeOf(exportStatus.status).toEqualTypeOf<
    'idle' | 'polling' | 'ready' | 'timed-out' | 'error'
  >();
  return null;
}
