import { fatalExportErrors, ExportStatusError } from './exportFetch';
import type { ExportReport } from './exportStatus';
import { defaultPollSchedule, nextPollDelay, type PollSchedule } from './pollSchedule';

/**
 * How long a 404 counts as "not created yet" rather than an error: right after consent the
 * app's backend may not know the user until the callback has been stored.
 */
export const notFoundGrace = 120_000;

/** How long to wait for an export before giving up: 20 minutes (Emerge: "1-15 minutes"). */
export const defaultExportTimeLimit = 20 * 60_000;

/** What polling has learned so far; the next poll starts from it. */
export interface ExportPoll {
  /** The last report read (kept through soft errors). */
  report: ExportReport | undefined;
  /** The last soft error, cleared by the next good answer. */
  error: ExportStatusError | undefined;
  /** Consecutive soft errors. */
  errors: number;
  /** When the first poll ran (epoch ms). */
  since: number;
  /** When the next poll is due (epoch ms). */
  next: number;
  /** When polling gives up (epoch ms): `since` plus the time limit. */
  deadline: number;
}

export interface PollSettings {
  schedule?: PollSchedule | undefined;
  /** ms from the first poll until `timed-out`. Defaults to {@link defaultExportTimeLimit}. */
  timeLimit?: number | undefined;
}

/** Whether an error may be waited out: soft errors, and a 404 inside the grace period. */
function isSoft(error: ExportStatusError, since: number, now: number): boolean {
  if (error.kind === 'not-found' && now - since < notFoundGrace) return true;
  return !fatalExportErrors.has(error.kind);
}

/**
 * One poll: loads, then schedules the next one. Soft errors are kept in the result and back
 * off; a 404 inside {@link notFoundGrace} counts as pending; fatal errors and aborts throw.
 */
export async function pollExportStatus(
  previous: ExportPoll | undefined,
  load: () => Promise<ExportReport>,
  settings: PollSettings = {},
): Promise<ExportPoll> {
  const { schedule = defaultPollSchedule, timeLimit = defaultExportTimeLimit } = settings;
  const since = previous?.since ?? Date.now();
  let report = previous?.report;
  let error: ExportStatusError | undefined;
  try {
    report = await load();
  } catch (cause) {
    if (!(cause instanceof ExportStatusError) || !isSoft(cause, since, Date.now())) throw cause;
    // A 404 in the grace period is "not created yet": pending, not an error.
    if (cause.kind !== 'not-found') error = cause;
  }
  const errors = error ? (previous?.errors ?? 0) + 1 : 0;
  const now = Date.now();
  const timing = { elapsed: now - since, errors, retryAfter: error?.retryAfter };
  const next = now + nextPollDelay(timing, schedule);
  return { report, error, errors, since, next, deadline: since + timeLimit };
}

/** Whether the poll is past its deadline. */
export const isPastDeadline = (poll: ExportPoll | undefined, now = Date.now()) =>
  !!poll && now >= poll.deadline;
