import type { FlowBrowser } from '../browser/flowBrowser';
import { defaultCallbackPage } from '../wire/protocol';
import { outcomeOf } from '../model/outcome';
import { ownError } from '../model/decision';
import type { ConnectOptions, LaunchOf } from './connectOptions';
import type { AnyProviderAdapter, ConnectOutcome, LaunchContext } from '../model/types';

/**
 * How an attempt launches and confirms, from the flow's options: loaded with the attempt
 * (`attemptLoader.ts`), after the press.
 */

let serverClient: typeof import('../browser/serverLaunch') | undefined;

/** The browser's client for the server half: loaded only by flows that pass `basePath`. */
export const loadServerClient = async () =>
  (serverClient ??= await import('../browser/serverLaunch'));

/** The launch: the app's own, or a request to the server handler. */
export function launchOf<A extends AnyProviderAdapter>(
  options: ConnectOptions<A>,
  browser: FlowBrowser,
) {
  const { launch, basePath = '', provider, launchParams } = options;
  if (launch) return launch;
  const page = new URL(options.redirectUri ?? defaultCallbackPage, browser.origin);
  const path = page.pathname + page.search;
  return async (context: LaunchContext) => {
    const { serverLaunch } = await loadServerClient();
    return serverLaunch(basePath, provider, path, launchParams)(context) as Promise<LaunchOf<A>>;
  };
}

/**
 * With the server half, a provider's `postMessage` success counts once the server confirms it.
 * Never rejects: anything short of the server's verified answer is `not_recorded`.
 */
export function confirmOf<A extends AnyProviderAdapter>(options: ConnectOptions<A>) {
  const { basePath, provider } = options;
  if (!basePath) return undefined;
  return (outcome: ConnectOutcome, state: string): Promise<ConnectOutcome> => {
    // Loaded (useConnect loads it on mount): the request leaves now, in the message's task.
    if (serverClient) return serverClient.confirmWithServer(basePath, provider, outcome, state);
    return loadServerClient().then(
      ({ confirmWithServer }) => confirmWithServer(basePath, provider, outcome, state),
      // The client did not load: the connection was not recorded.
      () => outcomeOf({ provider }, ownError('not_recorded')),
    );
  };
}
