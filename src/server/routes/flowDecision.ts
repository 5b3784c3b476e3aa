import { outcomeOf } from '../../core/model/outcome';
import { ownError } from '../../core/model/decision';
import { emerge } from '../../core/model/providers/emerge';
import { gigs } from '../../core/model/providers/gigs';
import { zapier } from '../../core/model/providers/zapier';
import { sameText } from '../../core/shared/sameText';
import type { AnyProviderAdapter, ConnectOutcome, OwnCode } from '../../core/model/types';
import type { FlowRecord, SentFlow } from '../cookies/flowCookie';
import type { HandlerContext } from '../handlerContext';
import type { ServerProvider } from '../handlerConfig';
import { claimKey } from '../stores/dedupeStore';
import { timeBox } from '../stores/webhookClaim';
import { confirmConnection } from './confirmConnection';

export const adapters: Record<ServerProvider, AnyProviderAdapter> = { gigs, emerge, zapier };

export const ownOutcome = (provider: ServerProvider, code: OwnCode) =>
  outcomeOf({ provider: adapters[provider] }, ownError(code));

/** What identifies a flow in a callback: the state, a Gigs session, a Zapier app. */
export interface CallbackKeys {
  state?: string | null;
  sessionId?: string | null;
  service?: string | null;
}

/**
 * The one flow a callback belongs to, among the user's flows of its provider: by the state it
 * echoes, else the Gigs session it names, else (a Zapier redirect success, which carries no
 * state) the app it names. `'ambiguous'` when several still fit: no flow is guessed.
 */
export function selectFlow(
  flows: readonly SentFlow[],
  keys: CallbackKeys,
): SentFlow | 'ambiguous' | undefined {
  let fits = [...flows];
  if (keys.state) fits = fits.filter(({ record }) => sameText(record.state, keys.state ?? ''));
  else if (keys.sessionId) fits = fits.filter(({ record }) => record.sessionId === keys.sessionId);
  else if (keys.service) fits = fits.filter(({ record }) => record.app === keys.service);
  if (fits.length > 1) return 'ambiguous';
  // One flow, and a state or session that is not its own: decided against it (a mismatch,
  // which leaves the flow alone), so the user hears why.
  if (!fits.length && (keys.state || keys.sessionId) && flows.length === 1) return flows[0];
  return fits[0];
}

/** Outcomes that say the callback is not this flow's: the flow stays, for its own callback. */
const notThisFlow: ReadonlySet<unknown> = new Set([
  'invalid_state',
  'session_mismatch',
  'missing_params',
  'ambiguous_params',
  'malformed_params',
]);

export type Route = 'callback' | 'confirm';

/** Calls `onConnected` for a confirmed success; a failure there becomes an error outcome. */
async function record(
  outcome: ConnectOutcome,
  flow: FlowRecord,
  user: string,
  context: HandlerContext,
  route: Route,
) {
  if (outcome.screen !== 'success') return outcome;
  const { sessionId, uid, authenticationId, service, reconnected } = outcome;
  const ids = Object.entries({ sessionId, uid, authenticationId, service });
  const given = Object.fromEntries(ids.filter(([, value]) => value !== undefined));
  try {
    await context.config.onConnected({ provider: flow.provider, user, reconnected, ...given });
    return outcome;
  } catch (thrown) {
    const status = route === 'callback' ? 303 : 200;
    context.report(thrown, { route, provider: flow.provider, status, code: 'not_recorded' });
    return ownOutcome(flow.provider, 'not_recorded');
  }
}

/** Uses the flow once: its nonce claimed in the store (a replayed callback finds it used). */
async function claimFlow(flow: FlowRecord, context: HandlerContext, route: Route) {
  try {
    const key = `rcf:flow:${flow.nonce}`;
    // A store that hangs (Redis down, its client queueing) fails like one that throws: in 2.5 s.
    const claim = () => claimKey(context.usedFlows, key, context.flowLifetime);
    return (await timeBox(claim, Date.now() + 2_500)) ? 'fresh' : 'used';
  } catch (thrown) {
    // A store that fails, or is full of live flows, fails closed: nothing is recorded.
    const status = route === 'callback' ? 303 : 503;
    context.report(thrown, { route, provider: flow.provider, status, code: 'store_unavailable' });
    return 'failed';
  }
}

/**
 * Decides a callback against its flow: the flow used once, the success confirmed with the
 * provider, then `onConnected`.
 */
export async function decide(
  parsed: ConnectOutcome,
  flow: FlowRecord | undefined,
  user: string,
  context: HandlerContext,
  route: Route,
) {
  const matched = !!flow && !notThisFlow.has(parsed.code);
  if (!flow || !matched) return { outcome: parsed, matched };
  const claim = await claimFlow(flow, context, route);
  if (claim !== 'fresh') {
    const code = claim === 'used' ? 'unsolicited_callback' : 'server_unavailable';
    return { outcome: ownOutcome(flow.provider, code), matched };
  }
  const confirmed = await confirmConnection(parsed, flow, user, context, route);
  return { outcome: await record(confirmed, flow, user, context, route), matched };
}
