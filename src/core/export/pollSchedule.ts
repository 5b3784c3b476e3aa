/**
 * When to ask again. Exports take 1 to 15 minutes, so polling every few seconds for that long
 * wastes requests: the delay grows with the time already waited (a geometric series from
 * `initial`, each delay `factor - 1` times the elapsed time) up to `max`, so the first answers
 * (an export that was already done, a user created a moment ago) come quickly and the long wait
 * costs one request every `max` ms. Errors back off exponentially (with jitter, so many tabs do
 * not retry in step) up to `maxBackoff`, and a `Retry-After` is never undercut.
 */
export interface PollSchedule {
  /** Shortest delay, in ms. Defaults to 2000. */
  initial: number;
  /** Growth of the delay with elapsed time: the next poll is at about `elapsed × factor`. Defaults to 1.5. */
  factor: number;
  /** Longest delay while the endpoint answers, in ms. Defaults to 15000. */
  max: number;
  /** Longest delay after consecutive errors, in ms. Defaults to 60000. */
  maxBackoff: number;
}

export const defaultPollSchedule: PollSchedule = {
  initial: 2000,
  factor: 1.5,
  max: 15_000,
  maxBackoff: 60_000,
};

export interface PollTiming {
  /** ms since the first poll. */
  elapsed: number;
  /** Consecutive failed polls (0 after a success). */
  errors?: number;
  /** ms the server asked to wait (`Retry-After`). */
  retryAfter?: number | undefined;
  /** Source of jitter in [0, 1); defaults to `Math.random`. */
  random?: () => number;
}

/** The delay in ms before the next poll. */
export function nextPollDelay(timing: PollTiming, schedule: PollSchedule = defaultPollSchedule) {
  const { elapsed, errors = 0, retryAfter = 0, random = Math.random } = timing;
  const { initial, factor, max, maxBackoff } = schedule;
  const delay = Math.min(max, Math.max(initial, elapsed * (factor - 1)));
  // "Equal jitter": half the backoff fixed, half random, so a retry never comes right away.
  const backoff = errors ? (Math.min(maxBackoff, initial * 2 ** errors) * (1 + random())) / 2 : 0;
  return Math.round(Math.max(delay, backoff, retryAfter));
}
