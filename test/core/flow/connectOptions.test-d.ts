// Type tests of `ConnectOptions` (checked by tsc, like ../../types.test-d.ts): the file has no
// runtime code. A launch comes from the app (`launch`) or from the server half (`basePath`).
import { expectTypeOf } from 'vitest';
import type { ConnectOptions } from '../../../src/core/flow/connectOptions';
import { emerge } from '../../../src/core/model/providers/emerge';
import { gigs } from '../../../src/core/model/providers/gigs';
import { zapier } from '../../../src/core/model/providers/zapier';
import type { SuccessOutcome } from '../../../src/core/model/types';

type Gigs = ConnectOptions<typeof gigs>;
type Emerge = ConnectOptions<typeof emerge>;

const launch = async () => ({ url: 'https://connect.gigs.com/x' });

// Either the app's own `launch`...
export const client = { provider: gigs, launch } satisfies Gigs;
// ...or the server half's `basePath`, with string `launchParams`.
export const server = {
  provider: zapier,
  basePath: '/api/connect',
  launchParams: { app: 'SlackAPI' },
} satisfies ConnectOptions<typeof zapier>;

// @ts-expect-error never both: the server half mints the launch, or the app does
export const both: Gigs = { provider: gigs, launch, basePath: '/api/connect' };
// @ts-expect-error never neither: nothing would mint the launch
export const neither: Gigs = { provider: gigs };
// @ts-expect-error launchParams go to the server half only
export const paramsWithoutServer: Gigs = { provider: gigs, launch, launchParams: { a: 'b' } };
export const nonStringParams: Gigs = {
  provider: gigs,
  basePath: '/api/connect',
  // @ts-expect-error launchParams are strings, as a query would carry them
  launchParams: { count: 1 },
};
// @ts-expect-error only the three modes
export const badMode: Gigs = { provider: gigs, launch, mode: 'tab' };
// @ts-expect-error the popup size is numbers
export const badPopup: Gigs = { provider: gigs, launch, popup: { width: '980' } };

// With the app's launch, a success carries the adapter's identifier; with the server half, only
// what it verified (never the Emerge uid).
type ClientSuccess = Parameters<NonNullable<Extract<Emerge, { launch: unknown }>['onSuccess']>>[0];
type ServerSuccess = Parameters<NonNullable<Extract<Emerge, { basePath: string }>['onSuccess']>>[0];
expectTypeOf<ClientSuccess['uid']>().toEqualTypeOf<string>();
expectTypeOf<ServerSuccess>().toEqualTypeOf<SuccessOutcome>();
expectTypeOf<ServerSuccess['uid']>().toEqualTypeOf<string | undefined>();

// Every optional setting also takes `undefined` (exactOptionalPropertyTypes), as a spread does.
export const undefinedSettings = {
  provider: gigs,
  launch,
  mode: undefined,
  redirectUri: undefined,
  timeout: undefined,
  launchTimeout: undefined,
  closeDetection: undefined,
  popup: undefined,
  onError: undefined,
  onCancel: undefined,
  onOutcome: undefined,
  onEvent: undefined,
  onSuccess: undefined,
} satisfies Gigs;
