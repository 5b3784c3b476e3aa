const loopbackNames = new Set(['localhost', '[::1]']);

/**
 * Whether a URL is plain `http:` to a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`): local
 * development and tests, the one place `http:` is accepted for a launch or a redirect URI, and
 * where `Secure` cookies fail.
 */
export function isLoopbackHttp(url: URL): boolean {
  const loopback = loopbackNames.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  return url.protocol === 'http:' && loopback;
}
