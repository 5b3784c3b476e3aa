import { isLoopbackHttp } from '../../core/shared/loopback';
import { hmacSha256Hex } from '../hmac';
import { joinUrl } from './providerFetch';

export interface EmergeLinkOptions {
  /** The client id from Emerge's Control Room. Required. */
  clientId: string;
  /** The signing secret from the Control Room. Server-only; required. */
  signingSecret: string;
  /**
   * Where Emerge sends the user back, as registered with Emerge. Must be `https:`; `http:` is
   * accepted only on loopback (`localhost`, `127.0.0.1`, `[::1]`) for development. Required.
   */
  redirectUri: string;
  /** A fresh random value, checked on the callback against CSRF. Required. */
  state: string;
  /**
   * Your own id for the user. Server-side only. Defaults to none: Emerge then generates a
   * pairwise uid (`psub_...`) and returns it on the callback.
   */
  uid?: string | undefined;
  /** A named branding configuration from the Control Room. Defaults to none (the client's default). */
  flowConfig?: string | undefined;
  /**
   * When the link was made; links are valid for 30 days from it. A `Date` or an ISO 8601 string
   * (signed as given). Defaults to `new Date().toISOString()`.
   */
  timestamp?: Date | string | undefined;
  /** Where Emerge Link lives. Defaults to `https://link.emergedata.ai`. */
  baseUrl?: string | undefined;
}

/** `2024-01-15T10:30:00.000Z`, or with seconds, fractions or an offset left out or changed. */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function requireText(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || !value)
    throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function checkRedirectUri(redirectUri: string): void {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new TypeError('redirectUri must be an absolute URL');
  }
  if (url.protocol === 'https:') return;
  if (isLoopbackHttp(url)) return;
  throw new TypeError(
    'redirectUri must use https: Only HTTPS redirect URIs are allowed in production ' +
      '(http is accepted on a loopback host only: localhost, 127.0.0.0/8, [::1])',
  );
}

function readTimestamp(timestamp: Date | string | undefined): string {
  if (timestamp === undefined) return new Date().toISOString();
  if (timestamp instanceof Date) {
    if (Number.isNaN(timestamp.getTime())) throw new TypeError('timestamp is an invalid Date');
    return timestamp.toISOString();
  }
  if (!isoDateTime.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    throw new TypeError('timestamp must be an ISO 8601 date string');
  }
  return timestamp;
}

/** The link's parameters besides `signature`, in the order they appear in the URL. */
function linkParams(options: EmergeLinkOptions): Array<[string, string]> {
  const params: Array<[string, string]> = [
    ['client_id', requireText(options.clientId, 'clientId')],
    ['redirect_uri', requireText(options.redirectUri, 'redirectUri')],
    ['state', requireText(options.state, 'state')],
    ['timestamp', readTimestamp(options.timestamp)],
  ];
  // Optional, but an empty string would be signed as `uid=`: omit the option instead.
  if (options.uid !== undefined) params.push(['uid', requireText(options.uid, 'uid')]);
  if (options.flowConfig !== undefined) {
    params.push(['flow_config', requireText(options.flowConfig, 'flowConfig')]);
  }
  return params;
}

/**
 * The string Emerge signs: every parameter but `signature`, sorted by name, as `key=value`
 * joined with `&`, with the raw values (not URL-encoded).
 */
export function emergeCanonicalString(params: ReadonlyArray<readonly [string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => {
    if (a < b) return -1;
    if (a > b) return 1;
    return 0;
  });
  return sorted.map(([key, value]) => `${key}=${value}`).join('&');
}

/**
 * A signed Emerge consent link (`.../link/start?client_id=...&signature=...`), built on the
 * server because it needs the signing secret. Make one per click rather than storing it: the
 * same parameters give the same session, and a link expires 30 days after its timestamp.
 * Throws a `TypeError` for a missing or malformed option; the message never holds the secret.
 */
export async function createEmergeLink(options: EmergeLinkOptions): Promise<string> {
  const secret = requireText(options.signingSecret, 'signingSecret');
  const params = linkParams(options);
  checkRedirectUri(options.redirectUri);
  const signature = await hmacSha256Hex(secret, emergeCanonicalString(params));
  const url = new URL(joinUrl(options.baseUrl ?? 'https://link.emergedata.ai', '/link/start'));
  for (const [key, value] of params) url.searchParams.append(key, value);
  url.searchParams.append('signature', signature);
  return url.href;
}
