import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportStatusError, type ExportErrorKind } from '../../../src/core/export/exportFetch';
import {
  defaultExportTimeLimit,
  isPastDeadline,
  notFoundGrace,
  pollExportStatus,
  type ExportPoll,
} from '../../../src/core/export/exportPoll';
import { parseExportStatus, type ExportReport } from '../../../src/core/export/exportStatus';
import { defaultPollSchedule } from '../../../src/core/export/pollSchedule';

const report = parseExportStatus({
  sources: [{ provider: 'gmail', data_ready: true }],
}) as ExportReport;
const later = parseExportStatus({
  sources: [{ provider: 'gmail', data_ready: false, export_status: 'running' }],
}) as ExportReport;
const ok =
  (answer: ExportReport = report) =>
  () =>
    Promise.resolve(answer);
const failing = (kind: ExportErrorKind, status?: number, retryAfter?: number) => {
  const error = new ExportStatusError(kind, status, retryAfter);
  return Object.assign(() => Promise.reject(error), { error });
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('constants', () => {
  it('gives a 404 two minutes and an export 20 minutes', () => {
    expect(notFoundGrace).toBe(120_000);
    expect(defaultExportTimeLimit).toBe(20 * 60_000);
  });
});

describe('pollExportStatus', () => {
  it('records the first poll, when the next one is due and the deadline', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const poll = await pollExportStatus(undefined, ok());
    expect(poll).toEqual({
      report,
      error: undefined,
      errors: 0,
      since: 1_000_000,
      next: 1_002_000,
      deadline: 1_000_000 + 20 * 60_000,
    });
  });

  it('keeps `since` and the deadline, and spaces polls by the time waited', async () => {
    vi.useFakeTimers({ now: 0 });
    const first = await pollExportStatus(undefined, ok(later));
    vi.setSystemTime(20_000);
    const second = await pollExportStatus(first, ok());
    expect(second).toEqual({
      report,
      error: undefined,
      errors: 0,
      since: 0,
      next: 30_000,
      deadline: defaultExportTimeLimit,
    });
  });

  it('starts `since` before the load and schedules `next` after it', async () => {
    vi.useFakeTimers({ now: 0 });
    const slow = () => {
      vi.setSystemTime(5000);
      return Promise.resolve(report);
    };
    // 5 s waited: the next poll is max(2 s, 5 s × 0.5) after the answer.
    await expect(pollExportStatus(undefined, slow)).resolves.toMatchObject({
      since: 0,
      next: 7500,
    });
  });

  it('keeps the last report through soft errors, counts them, and resets on success', async () => {
    vi.useFakeTimers({ now: 0 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let poll = await pollExportStatus(undefined, ok());
    const server = failing('server', 503);
    poll = await pollExportStatus(poll, server);
    expect(poll).toMatchObject({ report, errors: 1, error: server.error });
    poll = await pollExportStatus(poll, failing('network'));
    expect(poll).toMatchObject({ report, errors: 2, error: { kind: 'network' } });
    // Equal jitter with random = 0: half of 2 s × 2².
    expect(poll.next).toBe(4000);
    poll = await pollExportStatus(poll, failing('bad-response', 200));
    expect(poll).toMatchObject({ report, errors: 3, error: { kind: 'bad-response' } });
    expect(poll.next).toBe(8000);
    poll = await pollExportStatus(poll, ok(later));
    expect(poll).toEqual({
      report: later,
      error: undefined,
      errors: 0,
      since: 0,
      next: 2000,
      deadline: defaultExportTimeLimit,
    });
  });

  it('has no report while only errors came back', async () => {
    vi.useFakeTimers({ now: 0 });
    const poll = await pollExportStatus(undefined, failing('network'));
    expect(poll).toMatchObject({ report: undefined, errors: 1, error: { kind: 'network' } });
  });

  it('waits as long as Retry-After asks on 429', async () => {
    vi.useFakeTimers({ now: 0 });
    const poll = await pollExportStatus(undefined, failing('rate-limited', 429, 90_000));
    expect(poll).toMatchObject({ errors: 1, error: { kind: 'rate-limited', retryAfter: 90_000 } });
    expect(poll.next).toBe(90_000);
  });

  it('treats a 404 as pending during the grace period, then as an error that stops', async () => {
    vi.useFakeTimers({ now: 0 });
    const first = await pollExportStatus(undefined, failing('not-found', 404));
    expect(first).toMatchObject({ report: undefined, error: undefined, errors: 0, next: 2000 });
    vi.setSystemTime(notFoundGrace - 1);
    await expect(pollExportStatus(first, failing('not-found', 404))).resolves.toMatchObject({
      error: undefined,
      errors: 0,
    });
    // The grace counts from the first poll, not from the previous one.
    vi.setSystemTime(notFoundGrace);
    const gone = failing('not-found', 404);
    await expect(pollExportStatus(first, gone)).rejects.toBe(gone.error);
  });

  it('keeps the last report through a 404 in the grace period', async () => {
    vi.useFakeTimers({ now: 0 });
    const first = await pollExportStatus(undefined, ok(later));
    await expect(pollExportStatus(first, failing('not-found', 404))).resolves.toMatchObject({
      report: later,
      error: undefined,
    });
  });

  it.each([
    ['unauthorized', 401],
    ['unauthorized', 403],
    ['invalid', 422],
  ] as const)('throws %s (%i): polling stops', async (kind, status) => {
    vi.useFakeTimers({ now: 0 });
    const first = await pollExportStatus(undefined, ok());
    const load = failing(kind, status);
    await expect(pollExportStatus(first, load)).rejects.toBe(load.error);
  });

  it('lets an abort through untouched', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    await expect(pollExportStatus(undefined, () => Promise.reject(abort))).rejects.toBe(abort);
  });

  it('lets any other error through too', async () => {
    const bug = new TypeError('not a function');
    await expect(pollExportStatus(undefined, () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('takes a time limit and a schedule', async () => {
    vi.useFakeTimers({ now: 1000 });
    const fixed = { ...defaultPollSchedule, initial: 5000, max: 5000 };
    const poll = await pollExportStatus(undefined, ok(), { schedule: fixed, timeLimit: 60_000 });
    expect(poll).toMatchObject({ since: 1000, next: 6000, deadline: 61_000 });
    vi.setSystemTime(40_000);
    await expect(
      pollExportStatus(poll, ok(), { schedule: fixed, timeLimit: 60_000 }),
    ).resolves.toMatchObject({ next: 45_000, deadline: 61_000 });
  });

  it('reads an undefined time limit as the default', async () => {
    vi.useFakeTimers({ now: 0 });
    const poll = await pollExportStatus(undefined, ok(), { timeLimit: undefined });
    expect(poll.deadline).toBe(defaultExportTimeLimit);
  });
});

describe('isPastDeadline', () => {
  const poll: ExportPoll = {
    report,
    error: undefined,
    errors: 0,
    since: 0,
    next: 2000,
    deadline: 60_000,
  };

  it('is false before the first poll', () => {
    expect(isPastDeadline(undefined, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('turns true at the deadline', () => {
    expect(isPastDeadline(poll, 59_999)).toBe(false);
    expect(isPastDeadline(poll, 60_000)).toBe(true);
    expect(isPastDeadline(poll, 60_001)).toBe(true);
  });

  it('reads the clock by default', () => {
    vi.useFakeTimers({ now: 59_999 });
    expect(isPastDeadline(poll)).toBe(false);
    vi.setSystemTime(60_000);
    expect(isPastDeadline(poll)).toBe(true);
  });
});
