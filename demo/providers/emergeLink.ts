import { createHmac, timingSafeEqual } from 'node:crypto';

/** Parameters a consent link carries besides `signature`. */
export type EmergeLinkParams = Readonly<Record<string, string>>;

/**
 * The signature Emerge documents: hex HMAC-SHA256 over the parameters sorted by name, joined
 * as `key=value&...` with the raw (not URL-encoded) values.
 */
export function emergeSignature(params: EmergeLinkParams, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

/** A signed `.../link/start?...&signature=...` consent link. */
export function signEmergeLink(startUrl: string, params: EmergeLinkParams, secret: string): string {
  const url = new URL(startUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  url.searchParams.set('signature', emergeSignature(params, secret));
  return url.href;
}

export function verifyEmergeSignature(
  params: EmergeLinkParams,
  signature: string,
  secret: string,
): boolean {
  const expected = Buffer.from(emergeSignature(params, secret), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
