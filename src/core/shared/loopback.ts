/**
 * Whether a URL's hostname is the machine itself: `localhost`, `[::1]`, or any address of
 * 127.0.0.0/8 (RFC 1122, section 3.2.1.3). Plain http is accepted there only (local
 * development and tests), by the flow's launch URL and by the server half alike.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
