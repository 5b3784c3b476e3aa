// Kept for the server's imports until they move to `./crypto` (a separate commit).
export { fromBase64Url, randomBase64Url, toBase64Url } from './crypto';
