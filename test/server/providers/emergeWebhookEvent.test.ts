import { describe, expect, it } from 'vitest';
import {
  isEmergeEventName,
  readEmergeWebhookPayload,
} from '../../../src/server/providers/emergeWebhookEvent';

const envelope = { timestamp: '2026-03-13T10:00:00Z', uid: 'psub_1', client_id: 'client_abc' };

describe('readEmergeWebhookPayload', () => {
  it('reads the envelope in camelCase', () => {
    const payload = readEmergeWebhookPayload('data.ready', { ...envelope, sources: [] });
    expect(payload).toEqual({
      timestamp: '2026-03-13T10:00:00Z',
      uid: 'psub_1',
      clientId: 'client_abc',
      sources: [],
    });
  });

  it('reads consent.given and consent.reauthorized sources', () => {
    const given = readEmergeWebhookPayload('consent.given', {
      sources: [
        {
          provider: 'gmail',
          scopes: ['gmail.readonly', 7],
          valid_until: '2027-01-01T00:00:00Z',
          is_reauthorized: false,
        },
      ],
    });
    expect(given.sources).toEqual([
      {
        provider: 'gmail',
        scopes: ['gmail.readonly'],
        validUntil: '2027-01-01T00:00:00Z',
        isReauthorized: false,
      },
    ]);
    const again = readEmergeWebhookPayload('consent.reauthorized', {
      sources: [{ provider: 'google_data', is_returning_user: true }],
    });
    expect(again.sources).toEqual([
      { provider: 'google_data', scopes: [], validUntil: undefined, isReturningUser: true },
    ]);
  });

  it('reads consent.revoked and consent.expiring sources', () => {
    const revoked = readEmergeWebhookPayload('consent.revoked', {
      sources: [{ provider: 'gmail', revoked_at: '2026-03-01T00:00:00Z', reason: 'user_revoked' }],
    });
    expect(revoked.sources).toEqual([
      { provider: 'gmail', revokedAt: '2026-03-01T00:00:00Z', reason: 'user_revoked' },
    ]);
    const expiring = readEmergeWebhookPayload('consent.expiring', {
      sources: [{ provider: 'gmail', valid_until: '2026-04-01T00:00:00Z', days_until_expiry: 7 }],
    });
    expect(expiring.sources).toEqual([
      { provider: 'gmail', validUntil: '2026-04-01T00:00:00Z', daysUntilExpiry: 7 },
    ]);
  });

  it('reads data.ready with or without resources, and data.failed', () => {
    const ready = readEmergeWebhookPayload('data.ready', {
      sources: [
        { provider: 'google_data', resources: ['myactivity.search', 'chrome.history'] },
        { provider: 'gmail' },
      ],
    });
    expect(ready.sources).toEqual([
      { provider: 'google_data', resources: ['myactivity.search', 'chrome.history'] },
      { provider: 'gmail', resources: undefined },
    ]);
    const failed = readEmergeWebhookPayload('data.failed', {
      sources: [
        {
          provider: 'google_data',
          error_code: 'export_provider_error',
          error_message: 'Provider export request failed. Retry scheduled.',
        },
      ],
    });
    expect(failed.sources).toEqual([
      {
        provider: 'google_data',
        errorCode: 'export_provider_error',
        errorMessage: 'Provider export request failed. Retry scheduled.',
      },
    ]);
  });

  it('skips sources that are not objects or have no provider, and wrong-typed fields', () => {
    const payload = readEmergeWebhookPayload('consent.expiring', {
      uid: 42,
      sources: ['gmail', null, { scopes: [] }, { provider: 'gmail', days_until_expiry: 'soon' }],
    });
    expect(payload.uid).toBeUndefined();
    expect(payload.sources).toEqual([
      { provider: 'gmail', validUntil: undefined, daysUntilExpiry: undefined },
    ]);
  });

  it('reads a missing sources array as none', () => {
    expect(readEmergeWebhookPayload('data.failed', { sources: 'x' }).sources).toEqual([]);
  });
});

describe('isEmergeEventName', () => {
  it('knows the six documented events and nothing else', () => {
    const documented = [
      'consent.given',
      'consent.revoked',
      'consent.expiring',
      'consent.reauthorized',
      'data.ready',
      'data.failed',
    ];
    for (const name of documented) expect(isEmergeEventName(name)).toBe(true);
    expect(isEmergeEventName('data.deleted')).toBe(false);
    expect(isEmergeEventName('toString')).toBe(false);
  });
});
