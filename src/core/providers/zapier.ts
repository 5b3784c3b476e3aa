import { part } from '../outcome';
import type { CallbackParams, OutcomeParts, ProviderAdapter } from '../types';

/** What the app's backend returns after exchanging a connect token (6 minutes, single use). */
export interface ZapierLaunch {
  token: string;
  /** The app to connect, a path segment of the Connect UI URL (e.g. `SlackAPI`). */
  app: string;
  theme?: string;
  /** Re-authorise this existing connection instead of creating a new one. */
  reconnectId?: string;
  /** Connect UI base URL. Defaults to `https://connect.zapier.com`. */
  baseUrl?: string;
}

const errors: Record<string, OutcomeParts> = {
  access_denied: part('retry', 'access_denied'),
  invalid_request: {
    ...part('error', 'invalid_request'),
    hint: 'Generate a new connect token and retry; check the app id if it persists.',
  },
  server_error: part('error', 'server_error'),
};

const base = (launch: ZapierLaunch) => launch.baseUrl ?? 'https://connect.zapier.com';

/** Zapier Connect UI: popup `postMessage`, or redirect + `authentication_id` / `error`. */
export const zapier: ProviderAdapter<ZapierLaunch> = {
  id: 'zapier',
  params: ['authentication_id', 'service', 'error', 'error_description', 'state'],
  markers: ['authentication_id', 'error', 'error_description', 'service'],
  parse({ authentication_id: authenticationId, service, error }, { reconnect }) {
    const parts =
      authenticationId && error
        ? part('error', 'conflicting_params')
        : authenticationId
          ? {
              ...part('success', undefined, 'continue'),
              authenticationId,
              reconnected: !!reconnect,
            }
          : !error
            ? part('error', 'missing_params')
            : ((Object.hasOwn(errors, error) ? errors[error] : undefined) ??
              part('error', 'unknown_code'));
    return service ? { ...parts, service } : parts;
  },
  launchUrl(launch, { mode, redirectUri }) {
    const url = new URL(`${base(launch)}/to/${encodeURIComponent(launch.app)}`);
    url.searchParams.set('token', launch.token);
    if (launch.theme) url.searchParams.set('theme', launch.theme);
    if (launch.reconnectId) url.searchParams.set('reconnect_id', launch.reconnectId);
    if (mode === 'redirect') url.searchParams.set('redirect_uri', redirectUri);
    return url.href;
  },
  messageOrigin: (launch) => new URL(base(launch)).origin,
  readMessage(data): CallbackParams | undefined {
    if (typeof data !== 'object' || data === null) return undefined;
    const { type, authId, error } = data as Record<string, unknown>;
    if (type === 'authenticationSuccess') {
      // `authId` is numeric in the message and a string everywhere else.
      const id = typeof authId === 'number' && Number.isFinite(authId) ? String(authId) : authId;
      return { authentication_id: typeof id === 'string' ? id : '' };
    }
    if (type === 'authenticationError') return { error: typeof error === 'string' ? error : '' };
    return undefined;
  },
};
