import type { EmergeLaunch, GigsLaunch, LaunchContext, ZapierLaunch } from 'react-connect-flow';

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The demo backend answered ${response.status}`);
  return (await response.json()) as T;
}

/** Each asks the demo backend, which holds the secrets, for a fresh launch per attempt. */
export const launchers = {
  gigs: ({ redirectUri }: LaunchContext) =>
    post<GigsLaunch>('/api/gigs/session', { redirectUri, theme: preferredTheme() }),
  emerge: ({ state, redirectUri }: LaunchContext) =>
    post<EmergeLaunch>('/api/emerge/link', { state, redirectUri }),
  zapier: () => post<ZapierLaunch>('/api/zapier/token', { app: 'SlackAPI' }),
};

/** Hands the Emerge callback to the backend, which checks the state it signed and keeps the uid. */
export const verifyEmerge = (state: string | undefined, uid: string | undefined) =>
  post<{ ok: boolean }>('/api/emerge/verify', { state, uid });

const preferredTheme = () =>
  window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
