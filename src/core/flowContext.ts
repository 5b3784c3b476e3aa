import { consumeFlow, saveFlow } from './state';

/**
 * What a flow remembers across a redirect or into its popup: stored in sessionStorage just
 * before leaving (a popup opened by `window.open` starts with a copy of it), consumed once by
 * the callback page. Never holds a launch URL or token.
 */
export interface FlowContext {
  provider: string;
  mode: 'popup' | 'redirect';
  /** The CSRF state sent with this attempt (providers that echo it). */
  state?: string;
  /** The Gigs session id this attempt launched, when known. */
  sessionId?: string;
  /** Whether the attempt reconnects an existing connection. */
  reconnect?: boolean;
  /** Same-origin path (with query and hash) where the user started, to send them back. */
  returnTo?: string;
  /** `Date.now()` when the flow left. */
  startedAt: number;
}

const key = 'flow';

export const saveFlowContext = (context: FlowContext, storage?: Storage) =>
  saveFlow(key, context, storage);

/** Reads and removes the stored flow context; anything malformed reads as none. */
export function consumeFlowContext(storage?: Storage): FlowContext | undefined {
  const value = consumeFlow<Partial<FlowContext>>(key, storage);
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof value.provider !== 'string' ||
    (value.mode !== 'popup' && value.mode !== 'redirect')
  ) {
    return undefined;
  }
  return value as FlowContext;
}

/**
 * A same-origin path to return to, or `undefined`. Only paths this app produced are
 * accepted (never `//host`, a scheme, or a backslash trick), so it cannot open-redirect.
 */
export function safeReturnPath(path: unknown): string | undefined {
  return typeof path === 'string' && /^\/(?![/\\])[^\\\s]*$/.test(path) ? path : undefined;
}
