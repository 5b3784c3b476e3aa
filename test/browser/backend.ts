import { mockSecrets } from '../../src/testing/mockConfig';
import type { EmergeLaunch, GigsLaunch, LaunchContext, ZapierLaunch } from '../../src/core/index';

/*
 * What an app's backend does for `launch`, done from the test page against the mock providers
 * (their API routes allow CORS). `controls` are the mock pages' own parameters (`auto`,
 * `autoDelay`, `coop`): added after minting, outside any signature.
 */
type Controls = Readonly<Record<string, string>>;

const withControls = (url: string, controls: Controls = {}) => {
  const next = new URL(url);
  for (const [name, value] of Object.entries(controls)) next.searchParams.set(name, value);
  return next.href;
};

export async function gigsSession(
  origin: string,
  { redirectUri }: LaunchContext,
  controls?: Controls,
): Promise<GigsLaunch> {
  const { project, token } = mockSecrets.gigs;
  const response = await fetch(`${origin}/gigs/projects/${project}/connectSessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ intent: { type: 'checkoutNewSubscription' }, callbackUrl: redirectUri }),
  });
  const session = (await response.json()) as { url: string; id: string };
  return { url: withControls(session.url, controls), id: session.id };
}

/** Emerge's documented signature: hex HMAC-SHA256 over the sorted raw `key=value&...`. */
async function sign(params: Record<string, string>, secret: string) {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(canonical)));
  return [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function emergeLink(
  origin: string,
  { state, redirectUri }: LaunchContext,
  controls?: Controls,
): Promise<EmergeLaunch> {
  const { clientId, signingSecret } = mockSecrets.emerge;
  const params = {
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    timestamp: new Date().toISOString(),
  };
  const url = new URL(`${origin}/emerge/link/start`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  url.searchParams.set('signature', await sign(params, signingSecret));
  return { url: withControls(url.href, controls) };
}

export async function zapierToken(
  origin: string,
  app: string,
  extra: Partial<ZapierLaunch> = {},
): Promise<ZapierLaunch> {
  const { clientId, clientSecret } = mockSecrets.zapier;
  const response = await fetch(`${origin}/zapier/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      resource: `${origin}/zapier/to/${app}`,
    }),
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { token, app, baseUrl: `${origin}/zapier`, ...extra };
}

export { withControls };
