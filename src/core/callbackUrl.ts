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
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  const added = pairs
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  if (!added) return url;
  const joiner = !head.includes('?') ? '?' : /[?&]$/.test(head) ? '' : '&';
  return head + joiner + added + hash;
}

/**
 * The URL without the named callback parameters, every other parameter and the fragment
 * kept as they were: what the address bar should show once a callback is read.
 */
export function removeCallbackParams(url: string, names: readonly string[]): string {
  const hashAt = url.indexOf('#');
  const [head, hash] = hashAt < 0 ? [url, ''] : [url.slice(0, hashAt), url.slice(hashAt)];
  const queryAt = head.indexOf('?');
  if (queryAt < 0) return url;
  const drop = new Set(names);
  const kept = head
    .slice(queryAt + 1)
    .split('&')
    .filter((part) => {
      if (!part) return false;
      const name = part.split('=', 1)[0] ?? '';
      try {
        return !drop.has(decodeURIComponent(name.replace(/\+/g, ' ')));
      } catch {
        return true;
      }
    });
  return head.slice(0, queryAt) + (kept.length ? `?${kept.join('&')}` : '') + hash;
}
