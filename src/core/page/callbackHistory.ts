import { safeReturnPath } from '../wire/protocol';
import { isOutcomeSummary, type OutcomeSummary } from '../model/outcomeSummary';

/** The key of this package's record in a history entry's state. */
const historyKey = 'rcf';

/** What a history entry remembers: the screen (no identifiers) and where the flow started. */
export interface SavedCallback {
  summary: OutcomeSummary;
  returnTo: string | undefined;
}

export function savedCallback(state: unknown): SavedCallback | undefined {
  const saved = (state as Record<string, unknown> | null)?.[historyKey] as
    Partial<SavedCallback> | undefined;
  if (!isOutcomeSummary(saved?.summary)) return undefined;
  return { summary: saved.summary, returnTo: safeReturnPath(saved.returnTo) };
}

/** The history state with this package's record set, the app's own state kept. */
export function withSavedCallback(state: unknown, saved: SavedCallback): object {
  const base = typeof state === 'object' && state !== null ? state : {};
  return { ...base, [historyKey]: saved };
}
