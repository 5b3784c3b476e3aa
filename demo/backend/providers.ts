import { mockSecrets } from '../providers/config';
import { signEmergeLink } from '../providers/emergeLink';

/**
 * The backend's calls to the providers, holding their secrets as a real app's server would.
 * `origin` is the mock providers' origin (the real hosts in production).
 */
export function providerClient(origin: string) {
  async function json(response: Response): Promise<Record<string, unknown>> {
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`Provider answered ${response.status}`);
    return body;
  }

  return {
    /** Gigs: a fresh Connect session per attempt, returning to `callbackUrl`. */
    async gigsSession(callbackUrl: string, theme: 'light' | 'dark' | undefined) {
      const { project, token } = mockSecrets.gigs;
      const body = await json(
        await fetch(`${origin}/gigs/projects/${project}/connectSessions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            intent: {
              type: 'checkoutNewSubscription',
              checkoutNewSubscription: { plan: 'pln_demo' },
            },
            callbackUrl,
            userDetails: { email: 'demo@example.com' },
            ...(theme ? { appearance: { theme } } : {}),
          }),
        }),
      );
      return { url: String(body.url), id: String(body.id) };
    },

    /** Emerge: a consent link signed with the `state` and `redirect_uri` the frontend sent. */
    emergeLink(state: string, redirectUri: string) {
      const { clientId, signingSecret } = mockSecrets.emerge;
      const params = {
        client_id: clientId,
        redirect_uri: redirectUri,
        state,
        timestamp: new Date().toISOString(),
      };
      return { url: signEmergeLink(`${origin}/emerge/link/start`, params, signingSecret) };
    },

    /** Zapier: a fresh single-use connect token bound to the app, never cached. */
    async zapierToken(app: string) {
      const { clientId, clientSecret } = mockSecrets.zapier;
      const body = await json(
        await fetch(`${origin}/zapier/oauth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret,
            resource: `${origin}/zapier/to/${encodeURIComponent(app)}`,
          }),
        }),
      );
      return { token: String(body.access_token), app, baseUrl: `${origin}/zapier` };
    },

    /** Emerge export status for a uid, without the uid: the browser never gets it. */
    async exportStatus(uid: string) {
      const response = await fetch(`${origin}/emerge/export/status/${encodeURIComponent(uid)}`, {
        headers: { Authorization: `Bearer ${mockSecrets.emerge.apiToken}` },
      });
      const body = (await response.json()) as Record<string, unknown>;
      delete body.uid;
      return { status: response.status, body };
    },
  };
}
