import { noParams } from './decision';
import type { Action, ConnectOutcome, Screen } from './types';

/**
 * What may be shown again of an outcome without its identifiers or raw parameters: kept in
 * the history entry (a reload of the scrubbed address shows the same screen), sent back in the
 * relay's receipt, and carried by the server half's verified result.
 */
export interface OutcomeSummary {
  provider: string;
  screen: Screen;
  code: string | undefined;
  message: string;
  messageKey: string;
  action: Action;
  reconnected: boolean;
}

/**
 * An outcome the server half verified against the user's flow cookie, as the browser gets it:
 * the summary and the identifiers it may see. Never the Emerge `uid`: that stays on the server.
 */
export interface VerifiedOutcome extends OutcomeSummary {
  verified: true;
  sessionId?: string;
  authenticationId?: string;
  service?: string;
}

export function summarize(outcome: ConnectOutcome): OutcomeSummary {
  const { provider, screen, code, message, messageKey, action, reconnected } = outcome;
  return { provider, screen, code, message, messageKey, action, reconnected };
}

const screens: ReadonlySet<unknown> = new Set(['success', 'retry', 'admin-approval', 'error']);
const actions: ReadonlySet<unknown> = new Set([
  'continue',
  'retry',
  'go-back',
  'request-approval',
  'contact-support',
  'try-later',
]);

/** Whether a value read back (history, a message, a server answer) is a well-formed summary. */
export function isOutcomeSummary(value: unknown): value is OutcomeSummary {
  const summary = value as Partial<OutcomeSummary> | null;
  if (typeof summary !== 'object' || summary === null) return false;
  const codeFits =
    summary.screen === 'success' ? summary.code === undefined : typeof summary.code === 'string';
  return (
    typeof summary.provider === 'string' &&
    screens.has(summary.screen) &&
    codeFits &&
    typeof summary.message === 'string' &&
    typeof summary.messageKey === 'string' &&
    actions.has(summary.action) &&
    typeof summary.reconnected === 'boolean'
  );
}

/** What the server half tells the browser of an outcome it verified. */
export function verifiedOutcome(outcome: ConnectOutcome): VerifiedOutcome {
  const { sessionId, authenticationId, service } = outcome;
  const ids = { sessionId, authenticationId, service };
  const known = Object.entries(ids).filter(([, value]) => value !== undefined);
  // Not `{ ...summary, ...ids, verified }`: see outcome.ts on spreads in Node 20.
  return Object.assign(summarize(outcome), Object.fromEntries(known), { verified: true as const });
}

const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

export function isVerifiedOutcome(value: unknown): value is VerifiedOutcome {
  if (!isOutcomeSummary(value)) return false;
  const verified = value as Partial<VerifiedOutcome>;
  return (
    verified.verified === true &&
    optionalText(verified.sessionId) &&
    optionalText(verified.authenticationId) &&
    optionalText(verified.service)
  );
}

/** The outcome a summary stands for, with no parameters (and the ids a verified one has). */
export function restoreOutcome(summary: OutcomeSummary | VerifiedOutcome): ConnectOutcome {
  // A server-verified outcome keeps `verified: true`; a remembered one is just shown again.
  const fields = { ...summary, status: undefined, params: noParams, appQuery: '' };
  if (fields.screen === 'success') return { ...fields, screen: 'success', code: undefined };
  return { ...fields, screen: fields.screen, code: fields.code ?? 'unknown_code' };
}
