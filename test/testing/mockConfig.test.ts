import { describe, expect, it } from 'vitest';
import { mockSecrets, resolveConfig } from '../../src/testing/mockConfig';

const minute = 60_000;
const day = 24 * 60 * minute;

describe('resolveConfig', () => {
  it('fills every default', () => {
    expect(resolveConfig({})).toEqual({
      host: '127.0.0.1',
      port: 0,
      appOrigins: undefined,
      undocumentedOutcomes: false,
      now: Date.now,
      gigsSessionTtlMs: 15 * minute,
      zapierTokenTtlMs: 6 * minute,
      emergeLinkTtlMs: 30 * day,
      emergeConsentLifetimeMs: 180 * day,
      exportDelays: { google_data: 2000, gmail: 4000 },
    });
  });

  it('treats an option set to undefined as left out', () => {
    const config = resolveConfig({
      host: undefined,
      port: undefined,
      now: undefined,
      gigsSessionTtlMs: undefined,
      exportDelays: undefined,
    });
    expect(config).toEqual(resolveConfig({}));
  });

  it('keeps what it is given, falsy values included', () => {
    const given = {
      host: '::1',
      port: 4100,
      appOrigins: [],
      undocumentedOutcomes: true,
      now: () => 42,
      gigsSessionTtlMs: 0,
      zapierTokenTtlMs: 0,
      emergeLinkTtlMs: 1,
      emergeConsentLifetimeMs: 5 * day,
      exportDelays: {},
    };
    expect(resolveConfig(given)).toEqual(given);
  });

  it('takes exact origins, and an export that never becomes ready', () => {
    const config = resolveConfig({
      appOrigins: ['http://127.0.0.1:3000', 'https://app.example'],
      exportDelays: { gmail: Infinity },
    });
    expect(config.appOrigins).toEqual(['http://127.0.0.1:3000', 'https://app.example']);
    expect(config.exportDelays).toEqual({ gmail: Infinity });
  });

  it.each([
    'gigsSessionTtlMs',
    'zapierTokenTtlMs',
    'emergeLinkTtlMs',
    'emergeConsentLifetimeMs',
  ] as const)('refuses a %s that is not a duration, naming it', (option) => {
    for (const value of [Number.NaN, -1, Infinity, '60000' as unknown as number]) {
      expect(() => resolveConfig({ [option]: value })).toThrow(
        new RegExp(`^startMockProviders: ${option} must be`),
      );
    }
  });

  it('refuses an export delay that is not a number of ms, naming its source', () => {
    for (const value of [Number.NaN, -5, '2000' as unknown as number]) {
      expect(() => resolveConfig({ exportDelays: { google_data: 1, gmail: value } })).toThrow(
        /^startMockProviders: exportDelays\.gmail must be/,
      );
    }
  });

  it.each([
    '*',
    'null',
    '',
    'app.example',
    'http://127.0.0.1:3000/',
    'http://127.0.0.1:3000/callback',
    'HTTP://APP.EXAMPLE',
    'file:///tmp/app.html',
    'javascript:alert(1)',
  ])('refuses the app origin %j: the Zapier page posts to exact origins only', (origin) => {
    expect(() => resolveConfig({ appOrigins: ['http://127.0.0.1:3000', origin] })).toThrow(
      `startMockProviders: appOrigins must be exact origins, got ${JSON.stringify(origin)}`,
    );
  });
});

describe('mockSecrets', () => {
  const values = [
    mockSecrets.gigs.token,
    mockSecrets.emerge.signingSecret,
    mockSecrets.emerge.apiToken,
    mockSecrets.emerge.webhookSecret,
    mockSecrets.zapier.clientSecret,
  ];

  it('are all different, so a secret handed to the wrong check fails there', () => {
    expect(new Set(values).size).toBe(values.length);
    expect(mockSecrets.emerge.clientId).not.toBe(mockSecrets.zapier.clientId);
  });

  it('say they are test values', () => {
    for (const value of values) expect(value).toMatch(/_test_/);
  });
});
