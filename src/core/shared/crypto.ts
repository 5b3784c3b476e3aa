/**
 * The few cryptographic pieces both halves share: base64url (RFC 4648, section 5, unpadded),
 * random ids and CSRF states from `crypto.getRandomValues`, and one constant-time compare.
 */

/** Bytes as base64url, without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (unpadded) as bytes; `undefined` when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[\w-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** `count` random bytes from `crypto.getRandomValues`, as base64url. */
export function randomBase64Url(count: number, random: Pick<Crypto, 'getRandomValues'> = crypto) {
  return toBase64Url(random.getRandomValues(new Uint8Array(count)));
}

/** A CSRF state: 256 bits from `crypto.getRandomValues`, base64url-encoded (43 characters). */
export function createState(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  return randomBase64Url(32, random);
}

/**
 * Whether two strings are equal, compared in time that depends only on their length (every
 * character, no early exit): for states, session ids and signatures.
 */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  }
  return difference === 0;
}
