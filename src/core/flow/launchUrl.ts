import { isLoopbackHttp } from '../shared/loopback';

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
  return parsed.protocol === 'https:' || isLoopbackHttp(parsed) ? parsed.href : undefined;
}
