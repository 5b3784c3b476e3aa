// What the docs' recipes leave to the app, for scripts/test-hosts.mjs, in any runtime (Node,
// Deno, Bun, workerd): `auth` signs in user-1, `db` prints each saved connection as a
// `SAVED {json}` line on stdout (the test reads them), and fetch sends `https://api.gigs.com`
// to the mock Gigs (`mockGigs()` is its base URL), the one thing that differs from production.

/** Sets `auth`, `db` and the mock-bound fetch on globalThis. */
export function installAppGlobals(mockGigs) {
  globalThis.auth = { userId: async () => 'user-1' };
  globalThis.db = {
    connections: {
      save: async (connection) => console.log(`SAVED ${JSON.stringify(connection)}`),
      emergeUid: async () => undefined,
    },
  };
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    const url = request.url.replace('https://api.gigs.com', mockGigs());
    return realFetch(new Request(url, request));
  };
}

/** The app's `env` from the process environment scripts/test-hosts.mjs sets (Node, Deno, Bun). */
export function installEnv() {
  const { APP_ORIGIN, CONNECT_SECRET, GIGS_API_TOKEN, GIGS_PROJECT } = process.env;
  globalThis.env = { APP_ORIGIN, CONNECT_SECRET, GIGS_API_TOKEN, GIGS_PROJECT };
}
