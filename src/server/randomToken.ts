import { toBase64Url } from '../core/shared/base64url';

/** Bytes drawn from `crypto.getRandomValues` at a time: 256 nonces of 16 bytes. */
const poolSize = 4096;
let pool = new Uint8Array(0);
let used = 0;

/**
 * `count` random bytes from `crypto.getRandomValues`, drawn 4 KiB at a time: on Node 20 a draw
 * costs about 5 µs whatever its size, and a launch needs two. Node's own `crypto.randomUUID`
 * keeps such a pool. Each byte is handed out once.
 */
function randomBytes(count: number): Uint8Array {
  if (count > poolSize) return crypto.getRandomValues(new Uint8Array(count));
  if (used + count > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(poolSize));
    used = 0;
  }
  const bytes = pool.slice(used, used + count);
  used += count;
  return bytes;
}

/** `count` random bytes as base64url: the server's flow ids and nonces. */
export const randomToken = (count: number): string => toBase64Url(randomBytes(count));
