const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The launch URL, if the browser may go there: `https:`, or `http:` on a loopback host (local
 * development and tests). Anything else (`javascript:`, `data:`, a malformed URL) is refused.
 */
export function safeLaunchUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'https:') return parsed.href;
  const loopback =
    loopbackHosts.has(parsed.hostname) || /^127(\.\d{1,3}){3}$/.test(parsed.hostname);
  return parsed.protocol === 'http:' && loopback ? parsed.href : undefined;
}
