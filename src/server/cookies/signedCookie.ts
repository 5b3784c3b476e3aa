import { fromBase64Url, toBase64Url } from '../../core/shared/base64url';
import { hmacSha256Hex, timingSafeEqualHex } from '../hmac';

/** One secret, or several for rotation: the first signs, every one verifies. */
export type CookieSecret = string | readonly string[];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Whether a value is a usable secret: a string of at least 32 characters, or a non-empty list
 * of such. The handler's config check and the cookies use this one rule.
 */
export function isCookieSecret(secret: unknown): secret is CookieSecret {
  const secrets: unknown[] = Array.isArray(secret) ? secret : [secret];
  return secrets.length > 0 && secrets.every((s) => typeof s === 'string' && s.length >= 32);
}

function secretsOf(secret: CookieSecret): readonly string[] {
  if (!isCookieSecret(secret)) throw new TypeError('cookie secrets must be at least 32 characters');
  return typeof secret === 'string' ? [secret] : secret;
}

/** `payload.signature`: base64url JSON, then the hex HMAC-SHA256 of that text. */
export async function signValue(value: unknown, secret: CookieSecret): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(value)));
  const signature = await hmacSha256Hex(secretsOf(secret)[0] ?? '', payload);
  return `${payload}.${signature}`;
}

/** The signed value, or `undefined` for anything unsigned, tampered or malformed. */
export async function readSignedValue(text: string, secret: CookieSecret): Promise<unknown> {
  const dot = text.lastIndexOf('.');
  if (dot < 1) return undefined;
  const payload = text.slice(0, dot);
  const signature = text.slice(dot + 1);
  let valid = false;
  // Every secret is tried, so the time taken does not tell which one signed.
  for (const each of secretsOf(secret)) {
    if (timingSafeEqualHex(await hmacSha256Hex(each, payload), signature)) valid = true;
  }
  if (!valid) return undefined;
  const bytes = fromBase64Url(payload);
  try {
    return bytes ? (JSON.parse(decoder.decode(bytes)) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** A cookie's value from a `Cookie` header; `undefined` when absent or given twice. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  const found = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`));
  return found.length === 1 ? found[0]?.slice(name.length + 1) : undefined;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  /** `Secure` is left out only for plain http on a loopback host (local development). */
  secure: boolean;
}

/** HttpOnly, `SameSite=Lax` (the provider's redirect back is a cross-site top-level GET). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
