import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPollSchedule, nextPollDelay } from '../../../src/core/export/pollSchedule';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('defaultPollSchedule', () => {
  it('starts at 2 s, grows by half the time waited, up to 15 s, and backs off up to 60 s', () => {
    expect(defaultPollSchedule).toEqual({
      initial: 2000,
      factor: 1.5,
      max: 15_000,
      maxBackoff: 60_000,
    });
  });
});

describe('nextPollDelay', () => {
  it('starts at `initial`, grows with the time waited, and stops growing at `max`', () => {
    expect(nextPollDelay({ elapsed: 0 })).toBe(2000);
    expect(nextPollDelay({ elapsed: 4000 })).toBe(2000);
    expect(nextPollDelay({ elapsed: 10_000 })).toBe(5000);
    expect(nextPollDelay({ elapsed: 20_000 })).toBe(10_000);
    expect(nextPollDelay({ elapsed: 30_000 })).toBe(15_000);
    expect(nextPollDelay({ elapsed: 60_000 })).toBe(15_000);
    expect(nextPollDelay({ elapsed: 14 * 60_000 })).toBe(15_000);
  });

  it('answers whole milliseconds', () => {
    expect(nextPollDelay({ elapsed: 9001 })).toBe(4501);
    expect(nextPollDelay({ elapsed: 20_250 })).toBe(10_125);
  });

  it('polls far less than every 5 s over a 15-minute export', () => {
    let polls = 0;
    for (let t = 0; t < 15 * 60_000; t += nextPollDelay({ elapsed: t })) polls++;
    // Fixed 5 s polling would make 180 requests.
    expect(polls).toBeLessThan((15 * 60) / 5 / 2);
    // 0, 2, 4, 6, 9, 13.5, 20.25, 30.4 s, then every 15 s.
    expect(polls).toBe(8 + Math.ceil((15 * 60_000 - 45_375) / 15_000));
  });

  it('backs off exponentially on consecutive errors, with jitter, up to `maxBackoff`', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    const at = (errors: number, random: () => number) =>
      nextPollDelay({ elapsed: 60_000, errors, random });
    expect(at(0, high)).toBe(15_000); // no error, no backoff and no jitter
    expect(at(3, low)).toBe(15_000); // 8-16 s of backoff does not undercut the schedule
    expect(at(4, low)).toBe(16_000);
    expect(at(4, high)).toBe(32_000);
    expect(at(5, low)).toBe(30_000);
    expect(at(20, low)).toBe(30_000);
    expect(at(20, high)).toBe(60_000);
    // Early on, the first error already waits longer than the schedule.
    expect(nextPollDelay({ elapsed: 0, errors: 1, random: high })).toBe(4000);
    expect(nextPollDelay({ elapsed: 0, errors: 1, random: low })).toBe(2000);
  });

  it('takes its jitter from Math.random by default', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(nextPollDelay({ elapsed: 60_000, errors: 4 })).toBe(24_000);
    expect(random).toHaveBeenCalled();
  });

  it('never undercuts Retry-After', () => {
    expect(nextPollDelay({ elapsed: 0, errors: 1, retryAfter: 120_000, random: () => 0 })).toBe(
      120_000,
    );
    // Even without a counted error, and beyond `maxBackoff`.
    expect(nextPollDelay({ elapsed: 60_000, retryAfter: 90_000 })).toBe(90_000);
    // A shorter Retry-After does not shorten the schedule.
    expect(nextPollDelay({ elapsed: 60_000, retryAfter: 1000 })).toBe(15_000);
  });

  it('takes a custom schedule; a fixed delay is initial = max', () => {
    const fixed = { ...defaultPollSchedule, initial: 5000, max: 5000 };
    expect(nextPollDelay({ elapsed: 0 }, fixed)).toBe(5000);
    expect(nextPollDelay({ elapsed: 600_000 }, fixed)).toBe(5000);
    const faster = { ...defaultPollSchedule, factor: 2, max: 30_000, maxBackoff: 10_000 };
    expect(nextPollDelay({ elapsed: 10_000 }, faster)).toBe(10_000);
    expect(nextPollDelay({ elapsed: 100_000 }, faster)).toBe(30_000);
    expect(nextPollDelay({ elapsed: 0, errors: 10, random: () => 0.999_999 }, faster)).toBe(10_000);
  });
});
