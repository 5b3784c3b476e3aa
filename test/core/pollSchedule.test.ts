import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ExportStatusError,
  defaultPollSchedule,
  nextPollDelay,
  notFoundGrace,
  parseExportStatus,
  pollExportStatus,
  type ExportStatus,
} from '../../src/core/index';

describe('nextPollDelay', () => {
  it('starts at `initial`, grows with the time waited, and stops growing at `max`', () => {
    expect(nextPollDelay({ elapsed: 0 })).toBe(2000);
    expect(nextPollDelay({ elapsed: 10_000 })).toBe(5000);
    expect(nextPollDelay({ elapsed: 20_000 })).toBe(10_000);
    expect(nextPollDelay({ elapsed: 60_000 })).toBe(15_000);
    expect(nextPollDelay({ elapsed: 14 * 60_000 })).toBe(15_000);
  });

  it('polls far less than every 5 s over a 15-minute export', () => {
    let polls = 0;
    for (let t = 0; t < 15 * 60_000; t += nextPollDelay({ elapsed: t })) polls++;
    expect(polls).toBeLessThan((15 * 60) / 5 / 2);
  });

  it('backs off exponentially on consecutive errors, with jitter, up to `maxBackoff`', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    const at = (errors: number, random: () => number) =>
      nextPollDelay({ elapsed: 60_000, errors, random });
    expect(at(3, low)).toBe(15_000); // 8-16 s of backoff does not undercut the schedule
    expect(at(4, low)).toBe(16_000);
    expect(at(4, high)).toBe(32_000);
    expect(at(5, low)).toBe(30_000);
    expect(at(20, high)).toBe(60_000);
    // Early on, the first error already waits longer than the schedule.
    expect(nextPollDelay({ elapsed: 0, errors: 1, random: high })).toBe(4000);
  });

  it('never undercuts Retry-After', () => {
    expect(nextPollDelay({ elapsed: 0, errors: 1, retryAfter: 120_000, random: () => 0 })).toBe(
      120_000,
    );
  });

  it('takes a custom schedule; a fixed delay is initial = max', () => {
    const fixed = { ...defaultPollSchedule, initial: 5000, max: 5000 };
    expect(nextPollDelay({ elapsed: 0 }, fixed)).toBe(5000);
    expect(nextPollDelay({ elapsed: 600_000 }, fixed)).toBe(5000);
  });
});

describe('pollExportStatus', () => {
  afterEach(() => vi.useRealTimers());
  const ready = parseExportStatus({ sources: [{ provider: 'gmail', data_ready: true }] });
  const ok = () => Promise.resolve(ready as ExportStatus);
  const failing = (kind: ExportStatusError['kind'], status?: number, retryAfter?: number) => () =>
    Promise.reject(new ExportStatusError(kind, status, retryAfter));

  it('records the first poll and when the next one is due', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const poll = await pollExportStatus(undefined, ok);
    expect(poll).toEqual({
      status: ready,
      error: undefined,
      errors: 0,
      since: 1_000_000,
      next: 1_002_000,
    });
  });

  it('keeps the last status through soft errors, counts them, and resets on success', async () => {
    vi.useFakeTimers({ now: 0 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let poll = await pollExportStatus(undefined, ok);
    poll = await pollExportStatus(poll, failing('server', 503));
    poll = await pollExportStatus(poll, failing('network'));
    expect(poll).toMatchObject({ status: ready, errors: 2, error: { kind: 'network' } });
    expect(poll.next).toBe(4000);
    poll = await pollExportStatus(poll, ok);
    expect(poll).toMatchObject({ errors: 0, error: undefined });
    vi.restoreAllMocks();
  });

  it('waits as long as Retry-After asks on 429', async () => {
    vi.useFakeTimers({ now: 0 });
    const poll = await pollExportStatus(undefined, failing('rate-limited', 429, 90_000));
    expect(poll.next).toBe(90_000);
  });

  it('treats a 404 as pending during the grace period, then as an error that stops', async () => {
    vi.useFakeTimers({ now: 0 });
    const first = await pollExportStatus(undefined, failing('not-found', 404));
    expect(first).toMatchObject({ status: undefined, error: undefined, errors: 0 });
    vi.setSystemTime(notFoundGrace - 1);
    await expect(pollExportStatus(first, failing('not-found', 404))).resolves.toMatchObject({
      error: undefined,
    });
    vi.setSystemTime(notFoundGrace);
    await expect(pollExportStatus(first, failing('not-found', 404))).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it.each(['unauthorized', 'invalid'] as const)('throws %s: polling stops', async (kind) => {
    await expect(pollExportStatus(undefined, failing(kind, 401))).rejects.toBeInstanceOf(
      ExportStatusError,
    );
  });

  it('lets an abort through untouched', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    await expect(pollExportStatus(undefined, () => Promise.reject(abort))).rejects.toBe(abort);
  });
});
