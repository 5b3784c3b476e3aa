import { describe, expect, it } from 'vitest';
import { documentedExportStatus, documentedUid } from '../../fixtures/exportStatusAnswer';
import {
  exportReadiness,
  failedExportStatuses,
  parseExportStatus,
  type ExportReport,
} from '../../../src/core/export/exportStatus';

const uid = documentedUid;
const documented = documentedExportStatus;

/** A report listing each provider with the given `export_status`, none of them ready. */
const reportOf = (statuses: Record<string, string | null>) =>
  parseExportStatus({
    sources: Object.entries(statuses).map(([provider, status]) => ({
      provider,
      data_ready: false,
      export_status: status,
    })),
  });

describe('parseExportStatus', () => {
  it('reads the documented answer', () => {
    expect(parseExportStatus(documented)).toEqual({
      sources: [
        {
          provider: 'google_data',
          dataReady: true,
          exportStatus: 'completed',
          dataLandedAt: '2026-02-12T09:10:11.000000+00:00',
          exportCompletedAt: '2026-02-12T09:10:11.000000+00:00',
        },
        {
          provider: 'gmail',
          dataReady: false,
          exportStatus: 'running',
          dataLandedAt: undefined,
          exportCompletedAt: undefined,
        },
      ],
    });
  });

  it('leaves the uid out of the result (Emerge Link callbacks: the frontend does not collect it)', () => {
    const report = parseExportStatus({
      ...documented,
      // Also where it does not belong: inside a source.
      sources: documented.sources.map((source) => ({ ...source, uid })),
    });
    expect(report).toBeDefined();
    expect(report).not.toHaveProperty('uid');
    for (const source of report?.sources ?? []) expect(source).not.toHaveProperty('uid');
    expect(JSON.stringify(report)).not.toContain(uid);
    expect(JSON.stringify(report)).not.toContain('uid');
  });

  it('keeps unknown providers and statuses as strings, tolerates missing or odd fields', () => {
    const report = parseExportStatus({
      sources: [
        { provider: 'spotify', data_ready: true, export_status: 'queued_v2' },
        { provider: 'gmail', data_ready: 'true', export_status: 42, data_landed_at: 0 },
        { provider: 'gmail', data_ready: true },
        { data_ready: true },
        { provider: '', data_ready: true },
        { provider: 7, data_ready: true },
        null,
        'google_data',
        42,
      ],
    });
    expect(report).toEqual({
      sources: [
        {
          provider: 'spotify',
          dataReady: true,
          exportStatus: 'queued_v2',
          dataLandedAt: undefined,
          exportCompletedAt: undefined,
        },
        // Only a real `true` opens the gate; the first entry for a provider wins.
        {
          provider: 'gmail',
          dataReady: false,
          exportStatus: undefined,
          dataLandedAt: undefined,
          exportCompletedAt: undefined,
        },
      ],
    });
  });

  it('keeps timestamps as given, and reads an empty string as absent', () => {
    const report = parseExportStatus({
      sources: [
        {
          provider: 'gmail',
          data_ready: true,
          data_landed_at: '2026-02-12T09:10:11Z',
          export_status: '',
          export_completed_at: '',
        },
      ],
    });
    expect(report?.sources[0]).toEqual({
      provider: 'gmail',
      dataReady: true,
      exportStatus: undefined,
      dataLandedAt: '2026-02-12T09:10:11Z',
      exportCompletedAt: undefined,
    });
  });

  it('reads an empty sources array as an empty report', () => {
    expect(parseExportStatus({ uid, sources: [] })).toEqual({ sources: [] });
  });

  it.each([
    null,
    undefined,
    'ok',
    42,
    [],
    {},
    { sources: 'none' },
    { sources: { 0: documented.sources[0] } },
    { detail: 'User not found' },
  ])('answers undefined for a body without a sources array: %j', (body) => {
    expect(parseExportStatus(body)).toBeUndefined();
  });
});

describe('failedExportStatuses', () => {
  it('lists the failed terminal states', () => {
    expect([...failedExportStatuses].sort()).toEqual(['error', 'errored', 'failed', 'failure']);
  });
});

describe('exportReadiness', () => {
  const report = parseExportStatus(documented);

  it('defaults to every listed provider', () => {
    expect(exportReadiness(report)).toEqual({
      ready: ['google_data'],
      pending: ['gmail'],
      failed: [],
      allReady: false,
      settled: false,
    });
  });

  it('gates only on the providers the app needs, in the order it lists them', () => {
    expect(exportReadiness(report, ['google_data'])).toEqual({
      ready: ['google_data'],
      pending: [],
      failed: [],
      allReady: true,
      settled: true,
    });
    // A needed provider the answer does not list yet is pending.
    expect(exportReadiness(report, ['spotify', 'google_data'])).toEqual({
      ready: ['google_data'],
      pending: ['spotify'],
      failed: [],
      allReady: false,
      settled: false,
    });
  });

  it('is all ready once every provider is', () => {
    const all = parseExportStatus({
      sources: [
        { provider: 'google_data', data_ready: true },
        { provider: 'gmail', data_ready: true },
      ],
    });
    expect(exportReadiness(all)).toEqual({
      ready: ['google_data', 'gmail'],
      pending: [],
      failed: [],
      allReady: true,
      settled: true,
    });
  });

  it('is never ready or settled with nothing to wait for', () => {
    const nothing = { allReady: false, settled: false, ready: [], pending: [], failed: [] };
    expect(exportReadiness(undefined)).toEqual(nothing);
    expect(exportReadiness(parseExportStatus({ sources: [] }))).toEqual(nothing);
    expect(exportReadiness(report, [])).toEqual(nothing);
    // Needed providers without an answer yet are all pending.
    expect(exportReadiness(undefined, ['gmail'])).toEqual({ ...nothing, pending: ['gmail'] });
  });

  it.each(failedExportStatuses)('reads %s as failed, not pending', (status) => {
    expect(exportReadiness(reportOf({ gmail: status }))).toEqual({
      ready: [],
      pending: [],
      failed: ['gmail'],
      allReady: false,
      settled: true,
    });
  });

  it.each(['running', 'queued', 'exporting', 'fail-ish', 'EXPORT_ERROR', 'paused', null])(
    'keeps an unknown or in-progress state pending: %s',
    (status) => {
      expect(exportReadiness(reportOf({ gmail: status }))).toMatchObject({
        pending: ['gmail'],
        failed: [],
        settled: false,
      });
    },
  );

  it('is settled, but not all ready, once every provider is ready or failed', () => {
    const mixed = parseExportStatus({
      sources: [
        { provider: 'google_data', data_ready: true, export_status: 'completed' },
        { provider: 'gmail', data_ready: false, export_status: 'failed' },
        { provider: 'spotify', data_ready: false, export_status: 'queued' },
        // Ready wins over a stale failed status.
        { provider: 'drive', data_ready: true, export_status: 'failed' },
      ],
    });
    expect(exportReadiness(mixed)).toEqual({
      ready: ['google_data', 'drive'],
      pending: ['spotify'],
      failed: ['gmail'],
      allReady: false,
      settled: false,
    });
    expect(exportReadiness(mixed, ['google_data', 'gmail', 'drive'])).toEqual({
      ready: ['google_data', 'drive'],
      pending: [],
      failed: ['gmail'],
      allReady: false,
      settled: true,
    });
    // Every provider failed: settled too.
    expect(exportReadiness(reportOf({ gmail: 'failed', google_data: 'error' }))).toMatchObject({
      failed: ['gmail', 'google_data'],
      allReady: false,
      settled: true,
    });
  });

  it('takes its own list of failed states, which replaces the default', () => {
    const report: ExportReport | undefined = reportOf({
      gmail: 'cancelled',
      google_data: 'failed',
    });
    expect(exportReadiness(report, undefined, ['cancelled'])).toEqual({
      ready: [],
      pending: ['google_data'],
      failed: ['gmail'],
      allReady: false,
      settled: false,
    });
    // An empty list: nothing ever fails, everything not ready stays pending.
    expect(exportReadiness(report, undefined, [])).toMatchObject({
      pending: ['gmail', 'google_data'],
      failed: [],
    });
  });
});
