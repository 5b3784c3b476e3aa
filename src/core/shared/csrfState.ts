import { randomBase64Url } from './base64url';

/** A CSRF state: 256 bits from `crypto.getRandomValues`, base64url-encoded (43 characters). */
export function createState(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  return randomBase64Url(32, random);
}
