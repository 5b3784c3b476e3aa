/** What goes between a URL and added parameters: `?`, `&`, or nothing after a `?` or `&`. */
function queryJoiner(head: string): string {
  if (!head.includes('?')) return '?';
  return /[?&]$/.test(head) ? '' : '&';
}

const isPairList = (
  params: Readonly<Record<string, string>> | readonly (readonly [string, string])[],
): params is readonly (readonly [string, string])[] => Array.isArray(params);

/**
 * Appends parameters the way Gigs documents Connect does: the URL's own parameters stay
 * intact, the new ones go at the end, and a fragment or a deep-link scheme is kept.
 */
export function appendCallbackParams(
  url: string,
  params: Readonly<Record<string, string>> | readonly (readonly [string, string])[],
): string {
  const hashAt = url.indexOf('#');
  const [head, hash] = hashAt < 0 ? [url, ''] : [url.slice(0, hashAt), url.slice(hashAt)];
  const pairs: readonly (readonly [string, string])[] = isPairList(params)
    ? params
    : Object.entries(params);
  const added = pairs
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  if (!added) return url;
  const joiner = queryJoiner(head);
  return head + joiner + added + hash;
}
