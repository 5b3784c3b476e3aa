import { createState } from '../shared/csrfState';
import { randomBase64Url } from '../shared/base64url';
import { peekRecord, removeRecord, saveRecord } from './flowStorage';

/**
 * What a flow remembers across a redirect or into its popup: stored in sessionStorage (one per
 * tab) just before leaving, or before `window.open` (a popup starts with a copy of it), and
 * consumed once by the callback page. Never holds a launch URL or token.
 */
export interface FlowRecord {
  /** The provider's adapter id. */
  provider: string;
  mode: 'popup' | 'redirect';
  /** The CSRF state sent with this attempt. */
  state: string;
  /** Names this flow's relay on the channel every tab hears; not a secret. */
  flowId?: string | undefined;
  /** The key the popup's relay is sealed with, so other tabs cannot read it (popup mode). */
  relayKey?: string | undefined;
  /** The Gigs session id this attempt launched. */
  sessionId?: string | undefined;
  /** Whether the attempt reconnects an existing connection. */
  reconnect?: boolean | undefined;
  /** Same-origin path (with query and hash) where the user started, to send them back. */
  returnTo?: string | undefined;
  /** `Date.now()` after which the flow is stale: its callback is no longer expected. */
  expiresAt: number;
  /** The attempt's funnel id (`onEvent`), so its callback page reports the same attempt. */
  attemptId?: string | undefined;
  /** `Date.now()` at the press, so the callback page times its events from it. */
  startedAt?: number | undefined;
}

const key = 'flow';

/**
 * A new attempt's context, fresh for `lifetime` ms from its start: a new state, and a relay id
 * and key for its popup.
 */
export function newFlowRecord(
  where: { provider: string; returnTo: string },
  attempt: { attemptId: string; startedAt: number },
  lifetime: number,
): FlowRecord {
  const { attemptId, startedAt } = attempt;
  const expiresAt = startedAt + lifetime;
  const secrets = { state: createState(), relayKey: randomBase64Url(32) };
  return {
    ...where,
    mode: 'popup',
    flowId: randomBase64Url(16),
    ...secrets,
    expiresAt,
    attemptId,
    startedAt,
  };
}

export const saveFlowRecord = (context: FlowRecord, storage?: Storage) =>
  saveRecord(key, context, storage);

const optional = (value: unknown, type: 'string' | 'boolean' | 'number') =>
  value === undefined || typeof value === type;

function isFlowRecord(value: unknown): value is FlowRecord {
  const context = value as Partial<FlowRecord> | null;
  if (typeof context !== 'object' || context === null) return false;
  const { flowId, relayKey, sessionId, reconnect, returnTo, attemptId, startedAt } = context;
  return (
    typeof context.provider === 'string' &&
    (context.mode === 'popup' || context.mode === 'redirect') &&
    typeof context.state === 'string' &&
    typeof context.expiresAt === 'number' &&
    [flowId, relayKey, sessionId, returnTo, attemptId].every((each) => optional(each, 'string')) &&
    optional(reconnect, 'boolean') &&
    optional(startedAt, 'number')
  );
}

/** The stored flow record, if well-formed and fresh; it stays stored (see `removeFlowRecord`). */
export function readFlowRecord(storage?: Storage, now = Date.now()): FlowRecord | undefined {
  const value = peekRecord(key, storage);
  return isFlowRecord(value) && now <= value.expiresAt ? value : undefined;
}

export const removeFlowRecord = (storage?: Storage) => removeRecord(key, storage);

/** How long a flow the app starts itself stays expected by default: 30 minutes. */
const defaultFlowLifetime = 30 * 60_000;

/**
 * Vouches for a flow the app starts without `useConnect` (its own link, its own redirect):
 * stores a flow record the callback page will verify the callback against, and returns the
 * state to send with it (`undefined` when there is no storage to keep it in: then no callback
 * can succeed). Pass a Gigs session's `sessionId`.
 */
export function rememberFlow(
  provider: { id: string },
  flow: { sessionId?: string; returnTo?: string; lifetime?: number } = {},
  storage?: Storage,
): string | undefined {
  const { lifetime = defaultFlowLifetime, ...rest } = flow;
  const state = createState();
  const expiresAt = Date.now() + lifetime;
  const context = { ...rest, provider: provider.id, mode: 'redirect' as const, state, expiresAt };
  return saveFlowRecord(context, storage) ? state : undefined;
}
