import { describe, expect, it } from 'vitest';
import { exportReadiness, parseExportStatus } from '../../src/core/index';

// The documented 200 answer of `GET /export/status/{uid}` (PROVIDERS.md, section b).
const documented = {
  uid: 'psub_d4e5f6789012345678901234abcdef01',
  sources: [
    {
      provider: 'google_data',
      data_ready: true,
      data_landed_at: '2026-02-12T09:10:11.000000+00:00',
      export_status: 'completed',
      export_completed_at: '2026-02-12T09:10:11.000000+00:00',
    },
    {
      provider: 'gmail',
      data_ready: false,
      data_landed_at: null,
      export_status: 'running',
      export_completed_at: null,
    },
  ],
};

describe('parseExportStatus', () => {
  it('reads the documented answer', () => {
    expect(parseExportStatus(documented)).toEqual({
      uid: documented.uid,
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

  it('keeps unknown providers and statuses as strings, tolerates missing or odd fields', () => {
    const status = parseExportStatus({
      sources: [
        { provider: 'spotify', data_ready: true, export_status: 'queued_v2' },
        { provider: 'gmail', data_ready: 'true' },
        { provider: 'gmail', data_ready: true },
        { data_ready: true },
        null,
        'google_data',
      ],
    });
    expect(status).toEqual({
      uid: undefined,
      sources: [
        expect.objectContaining({
          provider: 'spotify',
          dataReady: true,
          exportStatus: 'queued_v2',
        }),
        // Only a real `true` opens the gate; the first entry for a provider wins.
        expect.objectContaining({ provider: 'gmail', dataReady: false, exportStatus: undefined }),
      ],
    });
  });

  it.each([null, undefined, 'ok', 42, [], {}, { sources: 'none' }, { detail: 'User not found' }])(
    'answers undefined for a body without a sources array: %j',
    (body) => expect(parseExportStatus(body)).toBeUndefined(),
  );
});

describe('exportReadiness', () => {
  const status = parseExportStatus(documented);

  it('defaults to every listed provider', () => {
    expect(exportReadiness(status)).toEqual({
      ready: ['google_data'],
      pending: ['gmail'],
      failed: [],
      allReady: false,
    });
  });

  it('gates only on the providers the app needs', () => {
    expect(exportReadiness(status, ['google_data'])).toMatchObject({ allReady: true });
    // A needed provider the answer does not list yet is pending.
    expect(exportReadiness(status, ['google_data', 'spotify'])).toMatchObject({
      ready: ['google_data'],
      pending: ['spotify'],
      allReady: false,
    });
  });

  it('is never all ready with nothing to wait for', () => {
    expect(exportReadiness(undefined).allReady).toBe(false);
    expect(exportReadiness(parseExportStatus({ sources: [] })).allReady).toBe(false);
    expect(exportReadiness(status, []).allReady).toBe(false);
  });

  it('reads failed-looking statuses as failed, and keeps them pending', () => {
    const failing = parseExportStatus({
      sources: [
        { provider: 'gmail', data_ready: false, export_status: 'failed' },
        { provider: 'google_data', data_ready: false, export_status: 'EXPORT_ERROR' },
        { provider: 'spotify', data_ready: false, export_status: 'paused' },
        // Ready wins over a stale status.
        { provider: 'drive', data_ready: true, export_status: 'failed' },
      ],
    });
    expect(exportReadiness(failing)).toEqual({
      ready: ['drive'],
      pending: ['gmail', 'google_data', 'spotify'],
      failed: ['gmail', 'google_data'],
      allReady: false,
    });
  });
});
