import { createState } from '../shared/crypto';
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
}

const key = 'flow';

export const saveFlowRecord = (record: FlowRecord, storage?: Storage) =>
  saveRecord(key, record, storage);

const optional = (value: unknown, type: 'string' | 'boolean') =>
  value === undefined || typeof value === type;

function isFlowRecord(value: unknown): value is FlowRecord {
  const record = value as Partial<FlowRecord> | null;
  if (typeof record !== 'object' || record === null) return false;
  const { flowId, relayKey, sessionId, reconnect, returnTo } = record;
  return (
    typeof record.provider === 'string' &&
    (record.mode === 'popup' || record.mode === 'redirect') &&
    typeof record.state === 'string' &&
    typeof record.expiresAt === 'number' &&
    [flowId, relayKey, sessionId, returnTo].every((each) => optional(each, 'string')) &&
    optional(reconnect, 'boolean')
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
  const record = { ...rest, provider: provider.id, mode: 'redirect' as const, state, expiresAt };
  return saveFlowRecord(record, storage) ? state : undefined;
}
