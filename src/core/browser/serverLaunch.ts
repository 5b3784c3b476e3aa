import { outcomeOf } from '../model/outcome';
import { ownError } from '../model/decision';
import { restoreOutcome, type VerifiedOutcome } from '../model/outcomeSummary';
import { confirmPath, launchPath, resultPath } from '../wire/protocol';
import { readResultBody, type ConfirmBody, type LaunchBody } from '../wire/bodies';
import type { AnyProviderAdapter, ConnectOutcome, LaunchContext } from '../model/types';

/**
 * The browser half of `react-connect-flow/server`'s handler: `launch` asks it for this
 * attempt's session, link or token (it binds the flow in a signed cookie), and a provider's
 * `postMessage` success is confirmed by it before it counts.
 */
export function serverLaunch(
  basePath: string,
  adapter: AnyProviderAdapter,
  page: string,
  params: Readonly<Record<string, string>> = {},
) {
  return async (context: LaunchContext): Promise<unknown> => {
    const response = await fetch(basePath + launchPath(adapter.id), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        state: context.state,
        mode: context.mode,
        page,
        params,
      } satisfies LaunchBody),
    });
    if (!response.ok) {
      throw new Error(`launch_failed: ${response.status} ${await problemCode(response)}`);
    }
    return response.json();
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
    const response = await fetch(basePath + confirmPath(adapter.id), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        authenticationId: outcome.authenticationId ?? '',
        state,
      } satisfies ConfirmBody),
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
    const response = await fetch(basePath + resultPath + query, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    return readResultBody(await response.json());
  } catch {
    return undefined;
  }
}
