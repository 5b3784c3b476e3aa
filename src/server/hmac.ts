import { sameText } from '../core/shared/crypto';

const encoder = new TextEncoder();

/** Bytes in an `ArrayBuffer` of their own, the shape WebCrypto's typings accept. */
function ownBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return encoder.encode(data);
  return new Uint8Array(data);
}

function toHex(bytes: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(bytes)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Lowercase hex HMAC-SHA256 of `message` (a string is UTF-8 encoded) keyed by `secret`, with
 * WebCrypto so it runs on Node 20+ and edge runtimes alike. Throws a `TypeError` for an empty
 * secret: WebCrypto refuses a zero-length HMAC key, and an empty secret is always a config error.
 */
export async function hmacSha256Hex(secret: string, message: string | Uint8Array): Promise<string> {
  if (!secret) throw new TypeError('The HMAC secret must not be empty');
  const key = await crypto.subtle.importKey(
    'raw',
    ownBytes(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(await crypto.subtle.sign('HMAC', key, ownBytes(message)));
}

const hexPattern = /^[0-9a-f]*$/i;

/**
 * Whether two hex strings spell the same bytes (case-insensitive), in time that depends only
 * on their length: every character is compared, with no early exit. Strings of different
 * lengths, or that are not hex, are never equal.
 */
export function timingSafeEqualHex(a: string, b: string): boolean {
  if (!hexPattern.test(a) || !hexPattern.test(b)) return false;
  return sameText(a.toLowerCase(), b.toLowerCase());
}
