/**
 * The mock providers' credentials and timings. The secrets are fixed test values, shared by
 * the mock (which checks them) and the demo backend (which holds them as a real app would).
 */
export const mockSecrets = {
  gigs: { token: 'gigs_test_api_token', project: 'demo' },
  emerge: {
    clientId: 'emerge_demo_client',
    signingSecret: 'emerge_test_signing_secret',
    apiToken: 'emerge_test_api_token',
  },
  zapier: { clientId: 'zapier_demo_client', clientSecret: 'zapier_test_client_secret' },
} as const;

export interface MockProviderOptions {
  /** Port on 127.0.0.1. Defaults to 0: a random free port. */
  port?: number;
  /** Host to bind. Defaults to `127.0.0.1`. */
  host?: string;
  /**
   * Origins the Zapier Connect UI may post its popup result to (exact `targetOrigin`, one
   * `postMessage` per origin: the browser delivers only the one matching the opener).
   * Defaults to the origin of the page's `Referer` when it is `http://127.0.0.1:*` or
   * `http://localhost:*`, which is what the opener sends when it navigates its popup.
   */
  appOrigins?: readonly string[];
  /** Clock, for expiry tests. Defaults to `Date.now`. */
  now?: () => number;
  /** Gigs Connect session lifetime (undocumented by Gigs). Defaults to 15 minutes. */
  gigsSessionTtlMs?: number;
  /** Zapier connect token lifetime. Defaults to 6 minutes, as documented. */
  zapierTokenTtlMs?: number;
  /** Emerge signed link lifetime from its `timestamp`. Defaults to 30 days, as documented. */
  emergeLinkTtlMs?: number;
  /**
   * Simulated export time per source, from consent to `data_ready: true` (Emerge documents
   * 1-15 minutes; accelerated here). Defaults to `{ google_data: 2000, gmail: 4000 }`.
   */
  exportDelays?: Readonly<Record<string, number>>;
  /**
   * Test-only hook: called for each page request (GET outside the APIs) with its `Referer`, so
   * a test can check what the browser sent (WebKit sends none for some popup navigations).
   */
  onPageRequest?: (request: { path: string; referer: string | undefined }) => void;
}

export interface MockConfig {
  host: string;
  port: number;
  appOrigins: readonly string[] | undefined;
  now: () => number;
  gigsSessionTtlMs: number;
  zapierTokenTtlMs: number;
  emergeLinkTtlMs: number;
  exportDelays: Readonly<Record<string, number>>;
}

export const resolveConfig = (options: MockProviderOptions): MockConfig => ({
  host: options.host ?? '127.0.0.1',
  port: options.port ?? 0,
  appOrigins: options.appOrigins,
  now: options.now ?? Date.now,
  gigsSessionTtlMs: options.gigsSessionTtlMs ?? 15 * 60_000,
  zapierTokenTtlMs: options.zapierTokenTtlMs ?? 6 * 60_000,
  emergeLinkTtlMs: options.emergeLinkTtlMs ?? 30 * 24 * 3600_000,
  exportDelays: options.exportDelays ?? { google_data: 2000, gmail: 4000 },
});
