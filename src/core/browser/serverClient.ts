import { outcomeOf, ownError } from '../model/outcome';
import { restoreOutcome, type VerifiedOutcome } from '../model/outcomeSummary';
import type { AnyProviderAdapter, ConnectOutcome, LaunchContext } from '../model/types';
import {
  readResultBody,
  routePaths,
  type ConfirmBody,
  type LaunchAnswers,
  type LaunchBody,
} from '../wire/protocol';

/**
 * The browser half of `react-connect-flow/server`'s handler, typed by `wire/protocol`: `launch`
 * asks it for this attempt's session, link or token (it binds the flow in a signed cookie), a
 * provider's `postMessage` success is confirmed by it before it counts, and the callback page
 * reads the outcome it verified. Loaded only by apps that pass `basePath`.
 */

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** What the launch route answers for a provider: the launch its adapter takes. */
export type LaunchAnswer = LaunchAnswers[keyof LaunchAnswers];

export function serverLaunch(
  basePath: string,
  adapter: AnyProviderAdapter,
  page: string,
  params: Readonly<Record<string, string>> = {},
) {
  return async (context: LaunchContext): Promise<LaunchAnswer> => {
    const body: LaunchBody = { state: context.state, mode: context.mode, page, params };
    const response = await fetch(basePath + routePaths.launch(adapter.id), {
      method: 'POST',
      credentials: 'same-origin',
      headers: jsonHeaders,
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`launch_failed: ${response.status} ${await problemCode(response)}`);
    }
    // The adapter reads what it needs of it, and the launch URL is checked before it opens.
    return (await response.json()) as LaunchAnswer;
  };
}

/** The problem code of a refused launch (`cross_origin`), for the outcome's hint. */
async function problemCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown } | null;
    const code = body?.error;
    return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : 'no problem code';
  } catch {
    return 'no problem code';
  }
}

/** Asks the server to confirm a `postMessage` success against the flow cookie. */
export async function confirmWithServer(
  basePath: string,
  adapter: AnyProviderAdapter,
  outcome: ConnectOutcome,
  state: string,
): Promise<ConnectOutcome> {
  try {
    // A Zapier success always carries its id; without one the server answers 400.
    const body = { authenticationId: outcome.authenticationId, state } satisfies Record<
      keyof ConfirmBody,
      unknown
    >;
    const response = await fetch(basePath + routePaths.confirm(adapter.id), {
      method: 'POST',
      credentials: 'same-origin',
      headers: jsonHeaders,
      body: JSON.stringify(body),
    });
    const verified = readResultBody(await response.json());
    if (verified) return restoreOutcome(verified);
  } catch {
    // Unreachable, or not JSON: the connection was not recorded.
  }
  return outcomeOf({ provider: adapter }, ownError('not_recorded'));
}

/** What the server's result route holds for this browser and flow, or `undefined`. */
export async function fetchServerResult(
  basePath: string,
  marker?: string,
): Promise<VerifiedOutcome | undefined> {
  const flow = marker?.includes('.') ? marker.slice(marker.indexOf('.') + 1) : '';
  const query = flow ? `?flow=${encodeURIComponent(flow)}` : '';
  try {
    const response = await fetch(basePath + routePaths.result + query, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    return readResultBody(await response.json());
  } catch {
    return undefined;
  }
}
