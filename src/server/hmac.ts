import { sameText } from '../core/shared/sameText';
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

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  createHmac(algorithm: 'sha256', key: string): NodeDigest<string>;
  createHash(algorithm: 'sha256'): NodeDigest<Uint8Array>;
}
interface NodeDigest<Out> {
  update(data: string | Uint8Array): {
    digest(...encoding: Out extends string ? ['hex'] : []): Out;
  };
}

/**
 * Node's own crypto, read with `process.getBuiltinModule` so that no bundler for an edge
 * runtime ever sees a `node:` import; `undefined` where there is none.
 */
function builtinCrypto(): NodeCrypto | undefined {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  return host.process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

/** How this module hashes: both functions take a UTF-8 string or bytes. */
export interface Hashing {
  hmacSha256Hex(secret: string, message: string | Uint8Array): Promise<string>;
  sha256(data: string | Uint8Array): Promise<Uint8Array>;
}

/** Node's crypto: synchronous, about 40 times cheaper than WebCrypto's thread-pool round trip. */
export function nodeHashing(node: NodeCrypto): Hashing {
  return {
    hmacSha256Hex: (secret, message) =>
      Promise.resolve(node.createHmac('sha256', secret).update(message).digest('hex')),
    sha256: (data) =>
      Promise.resolve(new Uint8Array(node.createHash('sha256').update(data).digest())),
  };
}

/**
 * WebCrypto, for edge runtimes. Imported keys are kept by secret: secrets come from the
 * handler's configuration, so there are a few, and the cap only guards against a caller that
 * passes many.
 */
export function webHashing(): Hashing {
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyOf = (secret: string) => {
    let key = keys.get(secret);
    if (!key) {
      if (keys.size >= 32) keys.clear();
      const algorithm = { name: 'HMAC', hash: 'SHA-256' };
      key = crypto.subtle.importKey('raw', ownBytes(secret), algorithm, false, ['sign']);
      keys.set(secret, key);
    }
    return key;
  };
  return {
    hmacSha256Hex: async (secret, message) =>
      toHex(await crypto.subtle.sign('HMAC', await keyOf(secret), ownBytes(message))),
    sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', ownBytes(data))),
  };
}

const builtin = builtinCrypto();
const hashing = builtin ? nodeHashing(builtin) : webHashing();

/**
 * Lowercase hex HMAC-SHA256 of `message` (a string is UTF-8 encoded) keyed by `secret`: with
 * Node's crypto where there is one, else WebCrypto, so it runs on Node 20+ and edge runtimes
 * alike. Throws a `TypeError` for an empty secret: WebCrypto refuses a zero-length HMAC key, and
 * an empty secret is always a config error.
 */
export async function hmacSha256Hex(secret: string, message: string | Uint8Array): Promise<string> {
  if (!secret) throw new TypeError('The HMAC secret must not be empty');
  return hashing.hmacSha256Hex(secret, message);
}

/** The SHA-256 digest of `data` (a string is UTF-8 encoded). */
export const sha256 = (data: string | Uint8Array): Promise<Uint8Array> => hashing.sha256(data);

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
