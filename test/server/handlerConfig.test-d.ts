// Type tests of the handler's configuration (checked by tsc, like ../types.test-d.ts): the file
// has no runtime code; what is checked at runtime is in configCheck.test.ts.
import { expectTypeOf } from 'vitest';
import type {
  ConnectedEvent,
  ConnectHandlerConfig,
  LaunchRequest,
  ServerProvider,
  ZapierServerConfig,
} from '../../src/server/handlerConfig';

const required = {
  basePath: '/api/connect',
  getUser: () => 'user_1',
  onConnected: () => {},
};

// The secret may be one, a rotation list, or not set yet (`next build`: checked on first request).
export const one = { ...required, secret: 'x'.repeat(32) } satisfies ConnectHandlerConfig;
export const rotated = { ...required, secret: ['new', 'old'] } satisfies ConnectHandlerConfig;
export const notYet = { ...required, secret: undefined } satisfies ConnectHandlerConfig;
// @ts-expect-error the secret must be named, even when it is not set yet
export const unnamed: ConnectHandlerConfig = { ...required };

// The app's own authentication and record may be asynchronous; no user is `undefined`.
export const asynchronous = {
  ...required,
  secret: undefined,
  getUser: async (request: Request) => request.headers.get('x-user') ?? undefined,
  onConnected: async (event: ConnectedEvent) => void event.user,
} satisfies ConnectHandlerConfig;
export const nullUser: ConnectHandlerConfig = {
  ...required,
  secret: undefined,
  // @ts-expect-error a user is a string id, not null
  getUser: () => null,
};

// Zapier needs at least one app: the first is the default.
const zapier = { clientId: 'c', clientSecret: 's', subjectToken: () => 't' };
export const apps = {
  ...zapier,
  apps: ['SlackAPI', 'GoogleSheetsV2API'],
} satisfies ZapierServerConfig;
// @ts-expect-error no app to default to
export const noApps: ZapierServerConfig = { ...zapier, apps: [] };

// A Gigs intent is fixed, or chosen per launch from the app's own (untrusted) launch params.
export const perLaunch = {
  ...required,
  secret: undefined,
  gigs: {
    apiToken: 't',
    project: 'p',
    intent: ({ params }: LaunchRequest) =>
      params.subscription
        ? { type: 'viewSubscription', viewSubscription: { subscription: params.subscription } }
        : { type: 'viewSubscriptions' },
  },
} satisfies ConnectHandlerConfig;
export const badIntent: ConnectHandlerConfig = {
  ...required,
  secret: undefined,
  // @ts-expect-error an intent type Gigs does not document
  gigs: { apiToken: 't', project: 'p', intent: { type: 'deleteEverything' } },
};

expectTypeOf<ServerProvider>().toEqualTypeOf<'gigs' | 'emerge' | 'zapier'>();
expectTypeOf<ConnectedEvent['provider']>().toEqualTypeOf<ServerProvider>();
// The launch params are the browser's: read-only strings.
expectTypeOf<LaunchRequest['params']>().toEqualTypeOf<Readonly<Record<string, string>>>();
