/**
 * The example's "sign-in": an HttpOnly cookie naming a random user, set by `proxy.ts` on the
 * first request. A real app reads its own session here.
 */
export const userCookie = 'rcf_example_user';

const userPattern = /^[0-9a-f]{32}$/;

/** The user id in a cookie value, if it is one of ours. */
export const userOf = (value: string | undefined): string | undefined =>
  value !== undefined && userPattern.test(value) ? value : undefined;

/** The user id in a `Cookie` header. */
export function userFromCookieHeader(header: string | null): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === userCookie) return userOf(value.join('='));
  }
  return undefined;
}
