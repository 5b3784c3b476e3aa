/**
 * The mock providers' credentials. Fixed test values, shared by the mock (which checks them)
 * and the app's handler (which holds them, as it would hold real ones): `handlerConfig`.
 */
export const mockSecrets = {
  gigs: { token: 'gigs_test_api_token', project: 'demo' },
  emerge: {
    clientId: 'emerge_demo_client',
    signingSecret: 'emerge_test_signing_secret',
    apiToken: 'emerge_test_api_token',
    webhookSecret: 'emerge_test_webhook_secret',
  },
  zapier: { clientId: 'zapier_demo_client', clientSecret: 'zapier_test_client_secret' },
} as const;

export interface MockProviderOptions {
  /** Port on 127.0.0.1. Defaults to 0: a random free port. */
  port?: number | undefined;
  /** Host to bind. Defaults to `127.0.0.1`. */
  host?: string | undefined;
  /**
   * Origins the Zapier Connect UI may post its popup result to (exact `targetOrigin`, one
   * `postMessage` per origin: the browser delivers only the one matching the opener).
   * Defaults to the origin of the page's `Referer` when it is `http://127.0.0.1:*` or
   * `http://localhost:*`, which is what the opener sends when it navigates its popup.
   */
  appOrigins?: readonly string[] | undefined;
  /**
   * Also offer the outcomes no provider documents, to test how an app meets the unknown:
   * Gigs `intent_fulfilled`, Emerge `provider_unavailable`, Zapier `temporarily_unavailable`.
   * Defaults to `false`: every page offers the documented outcomes only.
   */
  undocumentedOutcomes?: boolean | undefined;
  /** Clock, for expiry tests. Defaults to `Date.now`. */
  now?: (() => number) | undefined;
  /** Gigs Connect session lifetime (undocumented by Gigs). Defaults to 15 minutes. */
  gigsSessionTtlMs?: number | undefined;
  /** Zapier connect token lifetime. Defaults to 6 minutes, as documented. */
  zapierTokenTtlMs?: number | undefined;
  /** Emerge signed link lifetime from its `timestamp`. Defaults to 30 days, as documented. */
  emergeLinkTtlMs?: number | undefined;
  /**
   * How long an Emerge consent lasts from its grant, as `GET /consent/status/{uid}` reports it
   * in `valid_until` (Emerge does not document it). Defaults to 180 days; a few days shows an
   * expiring consent.
   */
  emergeConsentLifetimeMs?: number | undefined;
  /**
   * Simulated export time per source, from consent to `data_ready: true` (Emerge documents
   * 1-15 minutes; accelerated here). Defaults to `{ google_data: 2000, gmail: 4000 }`.
   */
  exportDelays?: Readonly<Record<string, number>> | undefined;
  /**
   * Test-only hook: called for each page request (GET outside the APIs) with its `Referer`, so
   * a test can check what the browser sent (WebKit sends none for some popup navigations).
   */
  onPageRequest?: ((request: { path: string; referer: string | undefined }) => void) | undefined;
}

export interface MockConfig {
  host: string;
  port: number;
  appOrigins: readonly string[] | undefined;
  undocumentedOutcomes: boolean;
  now: () => number;
  gigsSessionTtlMs: number;
  zapierTokenTtlMs: number;
  emergeLinkTtlMs: number;
  emergeConsentLifetimeMs: number;
  exportDelays: Readonly<Record<string, number>>;
}

/** A clear start-up error for a malformed option, rather than a mock that misbehaves later. */
function invalid(option: string, expected: string, value: unknown): never {
  throw new TypeError(`startMockProviders: ${option} must be ${expected}, got ${String(value)}`);
}

/** Milliseconds: finite and not negative (NaN would never expire, or fail a request later). */
function duration(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) invalid(option, 'a finite number of ms >= 0', value);
  return value;
}

/** Exact origins: the Zapier page posts to each as `targetOrigin`, so never `*`. */
function origins(value: readonly string[] | undefined): readonly string[] | undefined {
  for (const origin of value ?? []) {
    if (!isOrigin(origin)) invalid('appOrigins', 'exact origins', JSON.stringify(origin));
  }
  return value;
}

function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

/** Per source; `Infinity` is allowed: an export that never becomes ready. */
function delays(value: Readonly<Record<string, number>> | undefined) {
  for (const [source, delay] of Object.entries(value ?? {})) {
    const valid = typeof delay === 'number' && delay >= 0;
    if (!valid) invalid(`exportDelays.${source}`, 'a number of ms >= 0', delay);
  }
  return value ?? { google_data: 2000, gmail: 4000 };
}

export const resolveConfig = (options: MockProviderOptions): MockConfig => ({
  host: options.host ?? '127.0.0.1',
  port: options.port ?? 0,
  appOrigins: origins(options.appOrigins),
  undocumentedOutcomes: options.undocumentedOutcomes ?? false,
  now: options.now ?? Date.now,
  gigsSessionTtlMs: duration('gigsSessionTtlMs', options.gigsSessionTtlMs, 15 * 60_000),
  zapierTokenTtlMs: duration('zapierTokenTtlMs', options.zapierTokenTtlMs, 6 * 60_000),
  emergeLinkTtlMs: duration('emergeLinkTtlMs', options.emergeLinkTtlMs, 30 * 24 * 3600_000),
  emergeConsentLifetimeMs: duration(
    'emergeConsentLifetimeMs',
    options.emergeConsentLifetimeMs,
    180 * 24 * 3600_000,
  ),
  exportDelays: delays(options.exportDelays),
});
