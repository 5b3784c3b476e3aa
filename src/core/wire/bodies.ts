import { isVerifiedOutcome, type VerifiedOutcome } from '../model/outcomeSummary';

/**
 * The bodies the browser and `react-connect-flow/server`'s handler exchange: each typed once,
 * with the guard that reads it where it arrives (untrusted JSON). The names and paths they go
 * by are in `protocol.ts`.
 */

/** What the browser sends to the launch route. */
export interface LaunchBody {
  /** This attempt's CSRF state. */
  state: string;
  /** Defaults to `'redirect'` on the server. */
  mode: 'popup' | 'redirect';
  /** The app's callback page, a same-origin path; absent: `defaultCallbackPage`. */
  page?: string | undefined;
  /** `launchParams` from `useConnect`: at most 16 strings of at most 200 characters. */
  params: Readonly<Record<string, string>>;
}

const statePattern = /^[\w-]{22,128}$/;

function launchParams(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  const fits =
    entries.length <= 16 &&
    entries.every(([, each]) => typeof each === 'string' && each.length <= 200);
  return fits ? Object.fromEntries(entries) : undefined;
}

/**
 * A launch body as the server reads it, or `undefined`. The `page` is left as it came: the
 * server reduces it to a same-origin path (`safeReturnPath`) and answers its own problem code.
 */
export function readLaunchBody(
  value: unknown,
): (Omit<LaunchBody, 'page'> & { page: unknown }) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const body = value as Record<string, unknown>;
  const params = launchParams(body.params);
  const { state, mode = 'redirect', page } = body;
  if (!params || typeof state !== 'string' || !statePattern.test(state)) return undefined;
  if (mode !== 'popup' && mode !== 'redirect') return undefined;
  return { state, mode, page, params };
}

/** What the browser sends to the confirm route: a provider message's success, and its state. */
export interface ConfirmBody {
  authenticationId: string;
  state: string;
}

/** A confirm body as the server reads it, or `undefined`. */
export function readConfirmBody(value: unknown): ConfirmBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { authenticationId, state } = value as Record<string, unknown>;
  if (typeof authenticationId !== 'string' || !/^[\w-]{1,64}$/.test(authenticationId)) {
    return undefined;
  }
  return typeof state === 'string' ? { authenticationId, state } : undefined;
}

/** What the confirm and result routes answer: the verified outcome, or `null` (result only). */
export interface ResultBody {
  outcome: VerifiedOutcome | null;
}

/** The verified outcome of a confirm or result answer as the browser reads it, or `undefined`. */
export function readResultBody(value: unknown): VerifiedOutcome | undefined {
  const outcome = (value as Partial<ResultBody> | null)?.outcome;
  return isVerifiedOutcome(outcome) ? outcome : undefined;
}
